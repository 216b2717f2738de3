// Makes the fuzz targets' seed corpora (tests/fuzz/make-corpus.sh runs it):
// small valid inputs from the repo's own samples and slightly broken ones,
// written to OUT/<target>/. Packages are packed from sample content with the
// engine's own writer, signed with the fuzz key (fuzz_support.h), given a
// fixed mtime and repacked with 512-byte pages so they stay a few KB; sync
// bodies and bundles come from the protocol's own to_json and make_bundle.
//
// usage: fuzz_make_corpus SOURCE_DIR SAMPLES_DIR OUT_DIR
// (SAMPLES_DIR: the build's sample-folders, where the quiz pictures are rendered)
//
// Index of this file:
// [SECTION] PNG writing (for the image seeds)
// [SECTION] Packages
// [SECTION] Lua data files
// [SECTION] Images
// [SECTION] Input replays
// [SECTION] Sync bodies and bundles
// [SECTION] Assignment snapshots
// [SECTION] Emergency notices
// [SECTION] CAP alerts
// [SECTION] Dashboard queries
// [SECTION] Reviewers' attestations (fuzz_attestation.cpp's input format)
#include "fuzz_support.h"

#include "content/package.h"
#include "sync/bundle.h"
#include "sync/content_snapshot.h"
#include "sync/notice.h"
#include "sync/sync_protocol.h"

#include <sqlite3.h>
#include <stb_image_write.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

fs::path source_dir, samples_dir, out_dir;

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "fuzz_make_corpus: %s\n", message.c_str());
    std::exit(1);
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) die(path.string() + ": cannot read");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out) die(path.string() + ": cannot write");
}

void seed(const std::string& target, const std::string& name, const std::string& bytes) {
    write_file(out_dir / target / name, bytes);
}

void sql(const fs::path& database, const std::string& statements) {
    sqlite3* db = nullptr;
    char* message = nullptr;
    if (sqlite3_open(database.c_str(), &db) != SQLITE_OK ||
        sqlite3_exec(db, statements.c_str(), nullptr, nullptr, &message) != SQLITE_OK)
        die(database.string() + ": " + (message ? message : sqlite3_errmsg(db)));
    sqlite3_close(db);
}

//-----------------------------------------------------------------------------
// [SECTION] PNG writing (for the image seeds)
//-----------------------------------------------------------------------------

void append_bytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
}

// A small RGBA gradient, written by stb_image_write in `format`.
std::string small_image(const std::string& format, int width, int height) {
    std::vector<unsigned char> pixels(size_t(width) * height * 4);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            unsigned char* p = &pixels[(size_t(y) * width + x) * 4];
            p[0] = (unsigned char)(x * 255 / width);
            p[1] = (unsigned char)(y * 255 / height);
            p[2] = (unsigned char)((x + y) * 8);
            p[3] = (unsigned char)(x == y ? 128 : 255);
        }
    std::string out;
    int ok = 0;
    if (format == "png")
        ok = stbi_write_png_to_func(append_bytes, &out, width, height, 4, pixels.data(), width * 4);
    else if (format == "jpg")
        ok = stbi_write_jpg_to_func(append_bytes, &out, width, height, 4, pixels.data(), 80);
    else if (format == "bmp")
        ok = stbi_write_bmp_to_func(append_bytes, &out, width, height, 4, pixels.data());
    else if (format == "tga")
        ok = stbi_write_tga_to_func(append_bytes, &out, width, height, 4, pixels.data());
    if (!ok) die("cannot write a " + format + " picture");
    return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Packages
//-----------------------------------------------------------------------------

const char* const kSmallQuiz = R"(-- A two-question pack made from the general-science sample.
return {
  round = { questions = 2, shuffle_options = true },
  questions = {
    {
      id = "float-or-sink", type = "single", difficulty = 1, tags = { "physics" },
      prompt = { zh = "把下面哪样东西放进水里，它会浮起来？", en = "Which of these floats?" },
      options = {
        { id = "a", text = { zh = "铁钉", en = "An iron nail" } },
        { id = "c", text = { zh = "木块", en = "A block of wood" } },
      },
      answer = "c",
      explanation = { zh = "木头的密度比水小。", en = "Wood is less dense than water." },
    },
    {
      id = "moon", type = "image", difficulty = 2,
      prompt = { zh = "哪一个是满月？", en = "Which one is a full moon?" },
      options = {
        { id = "a", image = "images/moon-full.png" },
        { id = "b", image = "images/moon-half.png", text = { zh = "半月" } },
      },
      answer = "a",
      explanation = { zh = "满月是圆的。", en = "A full moon is round." },
    },
    {
      id = "order-water", type = "order",
      prompt = { zh = "排出顺序", en = "Put in order" },
      options = {
        { id = "rain", text = { zh = "下雨", en = "Rain" } },
        { id = "sea", text = { zh = "流入大海", en = "Into the sea" } },
        { id = "cloud", text = { zh = "成云", en = "Clouds" } },
      },
      explanation = { zh = "水循环。", en = "The water cycle." },
    },
    { id = "sun-star", type = "truefalse", answer = true,
      prompt = { zh = "太阳是恒星。", en = "The Sun is a star." },
      explanation = { zh = "是的。", en = "Yes." } },
  },
}
)";

const char* const kSmallExhibit = R"(-- A small exhibit in the style of the samples.
local t = 0
function exhibit.load()
  kiosk.log("opened", { from = "fuzz" })
end
function exhibit.update(dt)
  t = t + dt
end
function exhibit.draw()
  kiosk.graphics.clear(0.1, 0.1, 0.2)
  kiosk.graphics.image("thumbnail.png", 100 + 50 * math.sin(t), 100)
end
)";

// Packs `folder` into OUT/package/NAME.kpkg: fixed mtimes, signed unless told
// otherwise, then `after` (SQL), then 512-byte pages.
void package(const fs::path& folder, const std::string& name, bool sign,
             const std::string& after = "") {
    const fs::path output = out_dir / "package" / (name + ".kpkg");
    fs::create_directories(output.parent_path());
    std::string error;
    if (!write_package(folder.string(), output.string(), error)) die(error);
    sql(output, "UPDATE sqlar SET mtime = 1795000000");
    if (sign && !sign_package(output.string(), fuzz::fuzz_secret_key(), PackageLimits{}, error))
        die(error);
    if (!after.empty()) sql(output, after);
    sql(output, "PRAGMA page_size = 512; VACUUM");
}

void make_packages() {
    const fs::path work = fuzz::temp_dir();
    const fs::path exhibit = work / "exhibit";
    const fs::path images = samples_dir / "general-science/images";
    write_file(exhibit / "manifest.lua",
               read_file(source_dir / "exhibits/pendulum-lab/manifest.lua"));
    write_file(exhibit / "main.lua", kSmallExhibit);
    write_file(exhibit / "thumbnail.png", read_file(images / "moon-full.png"));
    package(exhibit, "exhibit-signed", true);
    package(exhibit, "exhibit-unsigned", false);
    package(exhibit, "exhibit-tampered", true,
            "UPDATE sqlar SET data = 'return 1' , sz = 8 WHERE name = 'main.lua'");
    package(exhibit, "exhibit-unsafe-name", true,
            "INSERT INTO sqlar VALUES ('../escape.lua', 33188, 0, 3, 'x=1')");
    package(exhibit, "exhibit-directory-entry", true,
            "INSERT INTO sqlar VALUES ('pictures', 16877, 0, 0, NULL)");

    const fs::path quiz = work / "quiz";
    write_file(quiz / "manifest.lua",
               read_file(source_dir / "content/general-science/manifest.lua"));
    write_file(quiz / "quiz.lua", kSmallQuiz);
    write_file(quiz / "thumbnail.png", read_file(images / "moon-half.png"));
    write_file(quiz / "images/moon-full.png", read_file(images / "moon-full.png"));
    write_file(quiz / "images/moon-half.png", read_file(images / "moon-half.png"));
    package(quiz, "quiz-signed", true);

    const std::string whole = read_file(out_dir / "package/exhibit-signed.kpkg");
    seed("package", "truncated.kpkg", whole.substr(0, whole.size() / 2));
    seed("package", "not-sqlite.kpkg", "this is not an SQLite database\n");
}

//-----------------------------------------------------------------------------
// [SECTION] Lua data files
//-----------------------------------------------------------------------------

void make_lua_data() {
    const auto sample = [](char loader, const std::string& name, const fs::path& file) {
        seed("lua_data", name, std::string(1, loader) + read_file(source_dir / file));
    };
    sample('0', "config-county-museum", "kiosk-config/county-museum.lua");
    sample('0', "config-mobile-truck", "kiosk-config/mobile-truck.lua");
    for (const char* exhibit : {"earthquake-drill", "pendulum-lab", "water-cycle"})
        sample('1', std::string("manifest-") + exhibit,
               fs::path("exhibits") / exhibit / "manifest.lua");
    sample('1', "manifest-general-science", "content/general-science/manifest.lua");
    sample('2', "quiz-general-science", "content/general-science/quiz.lua");
    sample('3', "strings", "content/strings.lua");
    seed("lua_data", "quiz-small", std::string("2") + kSmallQuiz);
    // Slightly broken: each a mistake a curator or manager makes.
    seed("lua_data", "config-typo",
         "0return { venue = { name = { zh = \"馆\", en = \"Hall\" }, kind = \"county_museum\" },\n"
         "  data_dir = \"/tmp/k\", idel_timeout_s = 90, admin = { pin_hash = \"x\" },\n"
         "  window = { width = 99999 } }\n");
    seed("lua_data", "config-syntax", "0return {\n  venue = {\n");
    seed("lua_data", "manifest-function", "1return { id = function() end, kind = \"exhibit\" }\n");
    seed("lua_data", "manifest-bad-paths",
         "1return { id = \"a-b\", kind = \"quiz\", version = \"1.0\", thumbnail = \"../x.png\",\n"
         "  entry = \"/etc/passwd\", title = { zh = \"\" }, summary = {}, authors = {},\n"
         "  review = { reviewed = \"2027-01-01\", expires = \"2026-01-01\" } }\n");
    seed("lua_data", "quiz-loop", "2while true do end return {}\n");
    seed("lua_data", "quiz-wrong-answer",
         "2return { round = { questions = 3 }, questions = { { id = \"q\", type = \"multiple\",\n"
         "  prompt = { zh = \"问\" }, options = { { id = \"a\", text = { zh = \"甲\" } },\n"
         "  { id = \"a\", text = { zh = \"乙\" } } }, answer = { \"a\", \"e\" } } } }\n");
    seed("lua_data", "strings-missing", "3return { home_title = { zh = \"探索\" }, [1] = 2 }\n");
}

//-----------------------------------------------------------------------------
// [SECTION] Images
//-----------------------------------------------------------------------------

void make_images() {
    const fs::path images = samples_dir / "general-science/images";
    seed("image", "moon-full.png", read_file(images / "moon-full.png"));
    seed("image", "small.png", small_image("png", 8, 6));
    seed("image", "small.jpg", small_image("jpg", 16, 12));
    seed("image", "small.bmp", small_image("bmp", 5, 3));
    seed("image", "small.tga", small_image("tga", 4, 4));
    const std::string png = small_image("png", 8, 6);
    seed("image", "truncated.png", png.substr(0, png.size() - 20));
    std::string huge = png; // the IHDR's width and height: 9000 x 9000
    const unsigned char side[4] = {0x00, 0x00, 0x23, 0x28};
    huge.replace(16, 4, reinterpret_cast<const char*>(side), 4);
    huge.replace(20, 4, reinterpret_cast<const char*>(side), 4);
    seed("image", "too-large.png", huge);
    seed("image", "gif-header.gif",
         std::string("GIF89a\x02\x00\x02\x00\x80\x00\x00", 13) +
             std::string("\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00"
                         "\x02\x00\x02\x00\x00\x02\x02\x44\x01\x00;",
                         23));
}

//-----------------------------------------------------------------------------
// [SECTION] Input replays
//-----------------------------------------------------------------------------

void make_replays() {
    for (const char* name : {"demo-tour", "quiz-round", "visitor-path"})
        seed("input_replay", name,
             read_file(source_dir / "kiosk-config" / (std::string(name) + ".replay")));
    seed("input_replay", "multi-finger",
         "down 1 100 100\ndown 2 300 100\nmove 1 120 140\nmove 2 280 140 # pinch\n"
         "up 1 120 140\nup 2 280 140\nwait 0.5\ndrag 10 10 1900 1070 0.25\nquit\n");
    seed("input_replay", "bad-number", "wait 1\ntap 100 nan\n");
    seed("input_replay", "bad-command", "wait 2\nswipe 1 2 3 4\n");
}

//-----------------------------------------------------------------------------
// [SECTION] Sync bodies and bundles
//-----------------------------------------------------------------------------

sync::SyncBatch sample_batch() {
    sync::SyncBatch batch;
    batch.epoch = "0123456789abcdef0123456789abcdef";
    batch.through_seq = 42;
    batch.buckets = {{"2026-11-20", "kiosk", "", "sessions", 17, 40},
                     {"2026-11-20", "hour", "09", "sessions", 5, 41},
                     {"2026-11-20", "exhibit", "pendulum-lab", "visits", 9, 42},
                     {"2026-11-21", "question", "general-science/moon", "correct", 3, 12},
                     {"2026-11-21", "exhibit", "单摆实验室", "dwell_ms", 81000, 30}};
    batch.heartbeat.software_version = "0.3.0";
    batch.heartbeat.content = {{"pendulum-lab", "1.0.0"}, {"general-science", "1.2.0"}};
    batch.heartbeat.uptime_s = 3600;
    batch.heartbeat.disk_free_mb = 20480;
    batch.heartbeat.errors = 1;
    batch.heartbeat.clock_utc_ms = 1795000000000;
    return batch;
}

void make_sync_bodies() {
    const sync::SyncBatch batch = sample_batch();
    seed("sync_body", "batch.json", sync::to_json(batch));
    sync::SyncBatch empty = batch;
    empty.buckets.clear();
    seed("sync_body", "batch-empty.json", sync::to_json(empty));
    std::string titled = sync::to_json(batch);
    titled.insert(titled.size() - 1,
                  ",\"titles\":[{\"kind\":\"exhibit\",\"subject\":"
                  "\"pendulum-lab\",\"zh\":\"单摆实验室\",\"en\":\"Pendulum Lab\"}]");
    seed("sync_body", "batch-titles.json", titled);
    std::string late = sync::to_json(batch);
    late.replace(late.find("\"through_seq\":42"), 16, "\"through_seq\":7");
    seed("sync_body", "seq-past-through.json", late);
    seed("sync_body", "malformed.json", "{bad");
    seed("sync_body", "empty-object.json", "{}");
    seed("sync_body", "answer.json", sync::to_json(sync::SyncAnswer{42, 5, 1795000000000, -1200}));
}

void make_bundles() {
    const sync::Bundle bundle =
        sync::make_bundle("lobby-1", sample_batch(), fuzz::fuzz_secret_key());
    seed("bundle", "bundle.json", sync::to_json(bundle));
    sync::Bundle other = bundle;
    other.kiosk = "truck-1";
    seed("bundle", "unknown-kiosk.json", sync::to_json(other));
    sync::Bundle changed = bundle;
    changed.payload.replace(changed.payload.find("\"value\":17"), 10, "\"value\":99");
    seed("bundle", "changed-after-signing.json", sync::to_json(changed));
    const sync::Bundle bad_payload = {
        "lobby-1", "{\"protocol\":1}",
        to_base64(sign_detached("{\"protocol\":1}", fuzz::fuzz_secret_key()))};
    seed("bundle", "signed-bad-payload.json", sync::to_json(bad_payload));
    seed("bundle", "not-a-bundle.json", "{\"format\":\"zip\"}");
}

//-----------------------------------------------------------------------------
// [SECTION] Assignment snapshots
//-----------------------------------------------------------------------------

void make_snapshots() {
    sync::Snapshot snapshot;
    snapshot.kiosk = "lobby-1";
    snapshot.version = 17;
    snapshot.issued_utc_ms = 1795824000000; // 2026-11-28T00:00:00Z
    snapshot.expires_utc_ms = snapshot.issued_utc_ms + 14 * 86400000LL;
    for (const char* id : {"pendulum-lab", "general-science"})
        snapshot.packages.push_back(
            {id, "1.2.0", 524288, std::string(64, 'c'), sync::package_file_url(id, "1.2.0")});
    const sync::SignedSnapshot signed_snapshot =
        sync::sign_snapshot(snapshot, fuzz::fuzz_secret_key());
    seed("snapshot", "envelope.json", sync::envelope_to_json(signed_snapshot));
    seed("snapshot", "document.json", signed_snapshot.document);
    sync::SignedSnapshot changed = signed_snapshot;
    changed.document.replace(changed.document.find("\"version\":17"), 12, "\"version\":99");
    seed("snapshot", "changed-after-signing.json", sync::envelope_to_json(changed));
    sync::Snapshot empty = snapshot;
    empty.packages.clear();
    seed("snapshot", "no-packages.json", sync::snapshot_document(empty));
    std::string hosted = signed_snapshot.document;
    hosted.replace(hosted.find("\"/api/"), 6, "\"http://evil.example/api/");
    seed("snapshot", "url-with-host.json", hosted);
    seed("snapshot", "not-a-snapshot.json", "{\"document\":1}");
}

//-----------------------------------------------------------------------------
// [SECTION] Emergency notices
//-----------------------------------------------------------------------------

sync::SignedDocument signed_notice(const sync::Notice& notice) {
    std::string error;
    const std::optional<sync::SignedDocument> signed_document =
        sync::sign_notice(notice, fuzz::fuzz_secret_key(), error);
    if (!signed_document) die("a sample notice is refused: " + error);
    return *signed_document;
}

void make_notices() {
    sync::Notice alert;
    alert.identifier = "quake-0001";
    alert.sender = "zj-hub";
    alert.sent_utc_ms = 1795824000000; // 2026-11-28T00:00:00Z
    alert.categories = {"Geo"};
    alert.event = {"地震", "Earthquake"};
    alert.urgency = sync::NoticeUrgency::Immediate;
    alert.severity = sync::NoticeSeverity::Severe;
    alert.certainty = sync::NoticeCertainty::Observed;
    alert.effective_utc_ms = alert.sent_utc_ms;
    alert.expires_utc_ms = alert.sent_utc_ms + 6 * 3600000LL;
    alert.headline = {"西湖区发生4.8级地震", "M4.8 earthquake in Xihu District"};
    alert.instruction = {"请听从工作人员指挥，有序撤离。", "Follow the staff and leave in order."};
    alert.venues = {"county-museum"};
    alert.content_ids = {"quake-drill"};
    sync::Notice update = alert;
    update.identifier = "quake-0002";
    update.msg_type = sync::NoticeMsgType::Update;
    update.status = sync::NoticeStatus::Exercise;
    update.severity = sync::NoticeSeverity::Moderate;
    update.sent_utc_ms += 300000;
    update.effective_utc_ms = update.sent_utc_ms;
    update.references = {{alert.sender, alert.identifier, alert.sent_utc_ms}};
    update.venues.clear();
    sync::Notice cancel = update;
    cancel.identifier = "quake-0003";
    cancel.msg_type = sync::NoticeMsgType::Cancel;
    cancel.sent_utc_ms += 300000;
    cancel.effective_utc_ms = cancel.sent_utc_ms;
    cancel.references = {{update.sender, update.identifier, update.sent_utc_ms}};
    cancel.headline = {};

    const sync::SignedDocument alert_signed = signed_notice(alert);
    seed("notice", "document.json", alert_signed.document);
    seed("notice", "envelope.json", sync::signed_document_to_json(alert_signed));
    sync::SignedDocument changed = alert_signed;
    changed.document.replace(changed.document.find("\"Severe\""), 8, "\"Extreme\"");
    seed("notice", "changed-after-signing.json", sync::signed_document_to_json(changed));
    seed("notice", "cancel-document.json", sync::notice_document(cancel));
    sync::NoticeFeed feed;
    feed.version = 7;
    feed.notices = {alert_signed, signed_notice(update), signed_notice(cancel), changed};
    seed("notice", "feed.json", sync::to_json(feed));
    seed("notice", "receipts.json",
         sync::to_json(
             std::vector<sync::NoticeReceipt>{{"quake-0001", alert.sent_utc_ms + 5000, true, 12, 3},
                                              {"quake-0002", 0, false, 0, 0}}));
    seed("notice", "not-a-notice.json", "{\"version\":1,\"notices\":{}}");
}

//-----------------------------------------------------------------------------
// [SECTION] CAP alerts
//-----------------------------------------------------------------------------

// The sample alerts of docs/examples and the refused ones of tests/hub/cap-samples.
void make_cap_alerts() {
    for (const fs::path& folder :
         {source_dir / "docs/examples", source_dir / "tests/hub/cap-samples"})
        for (const auto& entry : fs::directory_iterator(folder))
            if (entry.path().extension() == ".xml")
                seed("cap", entry.path().filename().string(), read_file(entry.path()));
}

//-----------------------------------------------------------------------------
// [SECTION] Dashboard queries
//-----------------------------------------------------------------------------

void make_queries() {
    const std::vector<std::pair<std::string, std::string>> queries = {
        {"empty", ""},
        {"lang-en", "lang=en"},
        {"venue-range", "venue=county-museum&from=2026-11-01&to=2026-11-28&lang=zh"},
        {"other-venue", "venue=mobile-unit&lang=en"},
        {"export", "format=csv&venue=county-museum&from=2026-01-01&to=2026-12-31&lang=en"},
        {"encoded", "venue=%E4%B8%AD%E6%96%87&from=2026%2D11%2D01&lang=e%6E"},
        {"not-a-date", "from=2026-02-30&to=2026-13-01"},
        {"reversed", "from=2026-11-28&to=2026-11-01"},
        {"too-long", "from=1900-01-01&to=9999-12-31"},
        {"repeated", "venue=&venue=county-museum&lang=en&lang=zh"},
        {"plus-and-bare", "venue+x=1&lang&from=+2026-11-01"},
    };
    for (const auto& [name, query] : queries)
        seed("dashboard_query", name, query);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Reviewers' attestations (fuzz_attestation.cpp's input format)
//-----------------------------------------------------------------------------

std::string attestation_field(char tag, const std::string& bytes = "") {
    return std::string(1, tag) + char((bytes.size() >> 8) & 0xff) + char(bytes.size() & 0xff) +
           bytes;
}

// A row by the fuzz key with a valid signature ('k', 's').
std::string signed_row(const std::string& verdict, const std::string& reviewed,
                       const std::string& expires, const std::string& note) {
    return attestation_field('k') + attestation_field('t', verdict) +
           attestation_field('t', reviewed) + attestation_field('t', expires) +
           attestation_field('t', note) + attestation_field('s');
}

void make_attestations() {
    const std::string approved = signed_row("approved", "2026-11-01", "2027-12-31", "物理 ok");
    seed("attestation", "approved.bin", approved);
    seed("attestation", "rejected-wins.bin",
         approved + signed_row("rejected", "2026-11-02", "2027-12-31", "wrong formula"));
    seed("attestation", "expired.bin", signed_row("approved", "2020-01-01", "2020-12-31", ""));
    seed("attestation", "untrusted-key.bin",
         attestation_field('t', "0123456789abcdef") + attestation_field('t', "approved") +
             attestation_field('t', "2026-11-01") + attestation_field('t', "2027-12-31") +
             attestation_field('t', "") + attestation_field('b', std::string(64, '\x5a')));
    seed("attestation", "bad-signature.bin",
         attestation_field('k') + attestation_field('t', "approved") +
             attestation_field('t', "2026-11-01") + attestation_field('t', "2027-12-31") +
             attestation_field('t', "") + attestation_field('b', std::string(64, '\0')));
    seed("attestation", "malformed-fields.bin",
         signed_row("maybe", "2026-13-40", "2026-11-01", "") +
             signed_row("approved", "2026-11-02", "2026-11-01", "expires before reviewed") +
             signed_row("approved", "2026-11-01", "2027-12-31", std::string(1025, 'n')) +
             signed_row("approved", "2026-11-01", "2027-12-31", "\xff\xfe"));
    seed("attestation", "blob-and-null-fields.bin",
         attestation_field('k') + attestation_field('b', "approved") + attestation_field('n') +
             attestation_field('t', "2027-12-31") + attestation_field('n') +
             attestation_field('s'));
    std::string many;
    for (int i = 0; i < 34; ++i)
        many += signed_row("approved", "2026-11-01", "2027-12-31", "row " + std::to_string(i));
    seed("attestation", "more-rows-than-the-limit.bin", many);
}

int main(int argc, char** argv) {
    if (argc != 4) die("usage: fuzz_make_corpus SOURCE_DIR SAMPLES_DIR OUT_DIR");
    source_dir = argv[1];
    samples_dir = argv[2];
    out_dir = argv[3];
    make_packages();
    make_lua_data();
    make_images();
    make_replays();
    make_sync_bodies();
    make_bundles();
    make_snapshots();
    make_attestations();
    make_notices();
    make_cap_alerts();
    make_queries();
    std::printf("fuzz_make_corpus: seed corpora written to %s\n", out_dir.c_str());
    return 0;
}
