// The demo history simulator (see demo_history.h; for demos and benchmarks
// only). A kiosk is simulated hour by hour: each opening hour gets a number of
// visitor sessions from the day's pattern, and the sessions' effects are added
// to the kiosk's rollup buckets (kind, subject, metric per day), each change
// taking the kiosk's next seq, as a real kiosk.db's rollups do. An export
// sends the buckets changed since the last one with their full current values
// (the rollup outbox's rule), signed as `kioskctl sync export` signs them.
//
// Randomness is a SplitMix64 stream seeded from (plan seed, kiosk or venue,
// day), so the history of one kiosk does not change when others are added,
// and the same plan gives the same bytes on every machine.
//
// The exhibits and questions are the ids of the repo's own content
// (exhibits/, content/general-science) so the counts join the titles real
// kiosks sync; with --titles-from the simulator also sends those titles, read
// from the built packages, as a kiosk showing them would.
//
// Index of this file:
// [SECTION] Randomness, the content simulated, the days' patterns
// [SECTION] A simulated kiosk's rollups and exports
// [SECTION] The simulation day by day
// [SECTION] Titles from packages, and `kiosk-hub simulate`
#include "demo_history.h"

#include "content/content_manifest.h"
#include "content/package.h"
#include "content/quiz.h"
#include "core/private_files.h"
#include "sync/bundle.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace kiosk::hub {
//-----------------------------------------------------------------------------
// [SECTION] Randomness, the content simulated, the days' patterns
//-----------------------------------------------------------------------------

namespace {

namespace chrono = std::chrono;

//-----------------------------------------------------------------------------
// Randomness
//-----------------------------------------------------------------------------

uint64_t mix(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

uint64_t hash_text(std::string_view text) { // FNV-1a
    uint64_t hash = 0xcbf29ce484222325ull;
    for (char c : text)
        hash = (hash ^ uint8_t(c)) * 0x100000001b3ull;
    return hash;
}

class Random {
public:
    explicit Random(uint64_t seed) : state_(seed) {}
    uint64_t next() { return mix(state_++); }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return uniform() < p; }
    // A count with mean `mean`: Poisson by Knuth for small means, a rounded
    // normal beyond.
    int64_t count(double mean) {
        if (mean <= 0) return 0;
        if (mean < 30) {
            const double limit = std::exp(-mean);
            int64_t k = 0;
            for (double product = uniform(); product > limit; product *= uniform())
                ++k;
            return k;
        }
        const double u1 = std::max(uniform(), 1e-12), u2 = uniform();
        const double normal = std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
        return std::max<int64_t>(0, std::llround(mean + normal * std::sqrt(mean)));
    }
    // Successes of `trials` tries at `p` (normal beyond 40 trials).
    int64_t binomial(int64_t trials, double p) {
        if (trials <= 40) {
            int64_t k = 0;
            for (int64_t i = 0; i < trials; ++i)
                k += chance(p);
            return k;
        }
        const double mean = double(trials) * p, sd = std::sqrt(mean * (1 - p));
        const double u1 = std::max(uniform(), 1e-12), u2 = uniform();
        const double normal = std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
        return std::clamp<int64_t>(std::llround(mean + normal * sd), 0, trials);
    }

private:
    uint64_t state_;
};

Random random_for(uint64_t seed, std::string_view who, int64_t day, uint64_t salt = 0) {
    return Random(mix(seed ^ mix(hash_text(who) ^ mix(uint64_t(day) * 31 + salt))));
}

//-----------------------------------------------------------------------------
// The catalogue: exhibits, questions, findings
//-----------------------------------------------------------------------------

struct DemoExhibit {
    const char* id;
    double popularity;   // share of sessions that visit it
    double dwell_s;      // mean time a visit lasts
    const char* finding; // an event the exhibit logs ("" none)
    double finding_share;
    const char* field;     // the finding's field ("" none)
    const char* values[3]; // its values, most common first
};

constexpr DemoExhibit kExhibits[] = {
    {"earthquake-drill",
     0.55,
     210,
     "shelter_chosen",
     0.7,
     "spot",
     {"table", "wall-corner", "window"}},
    {"pendulum-lab", 0.45, 150, "", 0, "", {}},
    {"water-cycle", 0.35, 120, "", 0, "", {}},
    {"moon-phases", 0.25, 95, "all_phases_seen", 0.4, "", {}},
};

struct DemoQuestion {
    const char* id;
    double correct_share; // difficulty: the share answered right
};

constexpr const char* kQuizPack = "general-science";
constexpr DemoQuestion kQuestions[] = {
    {"float-or-sink", 0.91}, {"magnet", 0.83},         {"rainbow", 0.71},
    {"sound-vacuum", 0.52},  {"photosynthesis", 0.38}, {"moon-phases", 0.61},
};

// Sessions per opening hour, by the hour's share of a day's visitors.
double hour_profile(int hour) {
    switch (hour) {
    case 9:
        return 0.7;
    case 10:
        return 1.25;
    case 11:
        return 1.1;
    case 12:
        return 0.55;
    case 13:
        return 0.8;
    case 14:
        return 1.2;
    case 15:
        return 1.2;
    case 16:
        return 0.85;
    default:
        return 0.6;
    }
}

//-----------------------------------------------------------------------------
// The calendar: holidays, terms, seasons, tours
//-----------------------------------------------------------------------------

// The first day of the Spring Festival (春节) by year.
const std::map<int, std::pair<unsigned, unsigned>> kSpringFestival = {
    {2024, {2, 10}}, {2025, {1, 29}}, {2026, {2, 17}}, {2027, {2, 6}},
    {2028, {1, 26}}, {2029, {2, 13}}, {2030, {2, 3}},
};

struct DayKind {
    double factor = 1; // against an ordinary weekday
    bool closed = false;
    bool school_term = false;
};

DayKind day_kind(chrono::sys_days day) {
    const chrono::year_month_day date{day};
    const int year = int(date.year());
    const unsigned month = unsigned(date.month()), mday = unsigned(date.day());
    const unsigned weekday = chrono::weekday{day}.iso_encoding(); // 1 = Monday
    const bool weekend = weekday >= 6;
    DayKind kind;
    kind.factor = weekend ? 1.8 : 1.0;
    // Seasons: spring and autumn outings, a quieter deep winter and midsummer.
    const double day_of_year =
        double((day - chrono::sys_days{chrono::year{year} / chrono::January / 1}).count());
    kind.factor *= 1.0 + 0.15 * std::cos(4 * M_PI * (day_of_year - 105) / 365.0);
    const bool national_day = month == 10 && mday <= 7;
    const bool labour_day = month == 5 && mday <= 5;
    bool spring_festival = false, festival_eve = false;
    if (const auto found = kSpringFestival.find(year); found != kSpringFestival.end()) {
        const chrono::sys_days first{chrono::year{year} / found->second.first /
                                     found->second.second};
        const auto offset = (day - first).count();
        festival_eve = offset == -1 || offset == 0;
        spring_festival = offset >= 1 && offset <= 6;
    }
    const bool summer = (month == 7 && mday >= 10) || month == 8;
    const bool winter = (month == 1 && mday >= 20) || (month == 2 && mday <= 20);
    if (festival_eve) kind.closed = true;
    if (national_day) kind.factor *= 2.6;
    if (labour_day) kind.factor *= 2.2;
    if (spring_festival) kind.factor *= 1.6;
    if ((summer || winter) && !weekend) kind.factor *= 1.5;
    kind.school_term = !weekend && !national_day && !labour_day && !summer && !winter &&
                       !spring_festival && !festival_eve &&
                       ((month >= 3 && month <= 6) || month >= 9);
    return kind;
}

// Whether the touring unit is out on `day`: a tour of 2 to 5 days each week.
bool touring_on(uint64_t seed, const std::string& kiosk, chrono::sys_days day) {
    const int64_t days = day.time_since_epoch().count();
    const int64_t monday = days - int64_t(chrono::weekday{day}.iso_encoding() - 1);
    Random week = random_for(seed, kiosk, monday, 7);
    const int64_t start = int64_t(week.next() % 3), length = 2 + int64_t(week.next() % 4);
    const int64_t index = days - monday;
    return index >= start && index < start + length;
}

//-----------------------------------------------------------------------------
// A simulated kiosk: its rollup buckets and outbox
//-----------------------------------------------------------------------------

//-----------------------------------------------------------------------------
// [SECTION] A simulated kiosk's rollups and exports
//-----------------------------------------------------------------------------

struct BucketKey {
    std::string kind, subject, metric;
    auto operator<=>(const BucketKey&) const = default;
};

class SimulatedKiosk {
public:
    SimulatedKiosk(const DemoKiosk& kiosk, uint64_t seed) : kiosk_(kiosk) {
        char epoch[33];
        std::snprintf(epoch, sizeof epoch, "%016llx%016llx",
                      static_cast<unsigned long long>(mix(seed ^ hash_text(kiosk.id))),
                      static_cast<unsigned long long>(mix((seed + 1) ^ hash_text(kiosk.id))));
        epoch_ = epoch;
        popularity_ = 0.6 + 0.8 * Random(mix(seed ^ hash_text(kiosk.id) ^ 99)).uniform();
    }

    const DemoKiosk& kiosk() const { return kiosk_; }
    double popularity() const { return popularity_; }

    void start_day(const std::string& day) {
        day_ = day;
        today_.clear();
    }

    void add(const std::string& kind, const std::string& subject, const std::string& metric,
             int64_t value) {
        if (value <= 0) return;
        int64_t& total = today_[{kind, subject, metric}];
        total += value;
        changed_[{day_, {kind, subject, metric}}] = {total, ++seq_};
    }

    bool has_changes() const { return !changed_.empty(); }

    // The changed buckets as a signed bundle exported at `export_utc_ms`.
    sync::Bundle export_bundle(int64_t export_utc_ms, int64_t opened_utc_ms, int64_t disk_free_mb,
                               const std::vector<sync::SubjectTitle>& titles, int64_t& buckets) {
        sync::SyncBatch batch;
        if (!sent_titles_) batch.titles = titles;
        sent_titles_ = true;
        batch.epoch = epoch_;
        batch.through_seq = seq_;
        for (const auto& [key, change] : changed_)
            batch.buckets.push_back({key.first, key.second.kind, key.second.subject,
                                     key.second.metric, change.first, change.second});
        buckets = int64_t(batch.buckets.size());
        changed_.clear();
        batch.heartbeat.software_version = KIOSK_VERSION;
        batch.heartbeat.uptime_s = std::max<int64_t>(0, (export_utc_ms - opened_utc_ms) / 1000);
        batch.heartbeat.disk_free_mb = disk_free_mb;
        batch.heartbeat.errors = 0;
        batch.heartbeat.clock_utc_ms = export_utc_ms;
        return sync::make_bundle(kiosk_.id, batch, kiosk_.key);
    }

private:
    bool sent_titles_ = false;
    const DemoKiosk& kiosk_;
    std::string epoch_, day_;
    double popularity_ = 1;
    int64_t seq_ = 0;
    std::map<BucketKey, int64_t> today_;
    // (day, bucket) -> value, seq: what the next export sends
    std::map<std::pair<std::string, BucketKey>, std::pair<int64_t, int64_t>> changed_;

public:
    DemoHistoryTotals pending; // counted into the totals when exported
};

// One hour's `sessions` visitors at `kiosk`: their sessions, exhibits, quiz
// answers and findings, added to its buckets and to `totals`.
void add_visitors(SimulatedKiosk& kiosk, Random& random, int hour, int64_t sessions,
                  DemoHistoryTotals& totals) {
    if (sessions <= 0) return;
    char hour_name[12];
    std::snprintf(hour_name, sizeof hour_name, "%02d", hour);
    const int64_t session_ms = sessions * (60000 + int64_t(random.uniform() * 180000));
    kiosk.add("kiosk", "", "sessions", sessions);
    kiosk.add("kiosk", "", "session_ms", session_ms);
    kiosk.add("hour", hour_name, "sessions", sessions);
    totals.sessions += sessions;
    totals.session_ms += session_ms;
    for (const DemoExhibit& exhibit : kExhibits) {
        const int64_t visitors = random.binomial(sessions, exhibit.popularity);
        if (visitors == 0) continue;
        const int64_t visits = visitors + random.binomial(visitors, 0.15); // some come back
        const int64_t dwell_ms =
            int64_t(double(visits) * exhibit.dwell_s * 1000 * (0.7 + 0.6 * random.uniform()));
        kiosk.add("exhibit", exhibit.id, "visits", visits);
        kiosk.add("exhibit", exhibit.id, "visitors", visitors);
        kiosk.add("exhibit", exhibit.id, "dwell_ms", dwell_ms);
        kiosk.add("exhibit", exhibit.id, "interactions", visits * (2 + int64_t(random.next() % 4)));
        totals.exhibit_visits += visits;
        if (*exhibit.finding == '\0') continue;
        const int64_t found = random.binomial(visitors, exhibit.finding_share);
        if (found == 0) continue;
        const std::string finding = std::string(exhibit.id) + "/" + exhibit.finding;
        kiosk.add("finding", finding, "visitors", found);
        kiosk.add("finding", finding, "events", found + random.binomial(found, 0.3));
        if (*exhibit.field == '\0') continue;
        int64_t left = found;
        for (int v = 0; v < 3 && left > 0; ++v) {
            const int64_t chose = v == 2 ? left : random.binomial(left, v == 0 ? 0.6 : 0.7);
            kiosk.add("finding_value", finding + "/" + exhibit.field + "=" + exhibit.values[v],
                      "visitors", chose);
            left -= chose;
        }
    }
    const int64_t rounds = random.binomial(sessions, 0.3);
    const int64_t completed = random.binomial(rounds, 0.75);
    kiosk.add("quiz", kQuizPack, "visits", rounds);
    kiosk.add("quiz", kQuizPack, "completions", completed);
    int64_t score = 0;
    for (const DemoQuestion& question : kQuestions) {
        const int64_t answers = completed + random.binomial(rounds - completed, 0.5);
        const int64_t correct = random.binomial(answers, question.correct_share);
        const std::string subject = std::string(kQuizPack) + "/" + question.id;
        kiosk.add("question", subject, "answers", answers);
        kiosk.add("question", subject, "correct", correct);
        totals.answers += answers;
        totals.correct += correct;
        score += correct;
    }
    kiosk.add("quiz", kQuizPack, "score_total", score);
}

int64_t utc_ms_of(chrono::sys_days day, int local_minute, int32_t utc_offset_min) {
    return (day.time_since_epoch().count() * 1440 + local_minute - utc_offset_min) * 60000;
}

//-----------------------------------------------------------------------------
// [SECTION] The simulation day by day
//-----------------------------------------------------------------------------

} // namespace

bool simulate_history(const DemoHistoryPlan& plan, const SendBundle& send,
                      DemoHistoryTotals& totals, std::string& error) {
    // Counts not yet exported when the plan ends are not sent, nor counted.
    const auto first = parse_day(plan.first_day), last = parse_day(plan.last_day);
    if (!first || !last || *first > *last) {
        error = "simulate: the days " + plan.first_day + " .. " + plan.last_day +
                " are not a range of YYYY-MM-DD days";
        return false;
    }
    std::vector<SimulatedKiosk> kiosks;
    kiosks.reserve(plan.kiosks.size());
    for (const DemoKiosk& kiosk : plan.kiosks)
        kiosks.emplace_back(kiosk, plan.seed);

    for (chrono::sys_days day = *first; day <= *last; day += chrono::days{1}) {
        const std::string day_text = format_day(day);
        const DayKind kind = day_kind(day);
        const unsigned weekday = chrono::weekday{day}.iso_encoding();
        const bool week_ends = weekday == 7 || day == *last;
        for (SimulatedKiosk& kiosk : kiosks) {
            const DemoKiosk& who = kiosk.kiosk();
            const auto hours_found = plan.opening_hours.find(who.venue);
            const OpeningHours hours =
                hours_found == plan.opening_hours.end() ? OpeningHours{} : hours_found->second;
            if (kind.closed || (hours.closed_weekdays >> (weekday - 1)) & 1u) continue;
            if (who.touring && !touring_on(plan.seed, who.id, day)) continue; // silent
            Random random = random_for(plan.seed, who.id, day.time_since_epoch().count());
            // A school group: the venue's kiosks all see it, on a term-time morning.
            Random venue_day = random_for(plan.seed, who.venue, day.time_since_epoch().count(), 3);
            const bool school_trip = kind.school_term && venue_day.chance(who.touring ? 0.6 : 0.3);
            const int trip_hour = 9 + int(venue_day.next() % 2);
            const int64_t trip_size = 20 + int64_t(venue_day.next() % 40);

            kiosk.start_day(day_text);
            const int open_hour = hours.open_minute / 60;
            const int close_hour = (hours.close_minute + 59) / 60;
            const int64_t opened_utc_ms = utc_ms_of(day, hours.open_minute, plan.utc_offset_min);
            const double per_hour = (who.touring ? 9.0 : 6.0) * kiosk.popularity() * kind.factor;
            const int64_t disk_free_mb = who.touring ? 700 + int64_t(random.next() % 200)
                                                     : 18000 + int64_t(random.next() % 4000);
            for (int hour = open_hour; hour < close_hour; ++hour) {
                const int from = std::max(hour * 60, hours.open_minute);
                const int to = std::min(hour * 60 + 60, hours.close_minute);
                if (to <= from) continue;
                const int export_minute = from + int(random.next() % uint64_t(to - from));
                const int64_t export_utc_ms = utc_ms_of(day, export_minute, plan.utc_offset_min) +
                                              int64_t(random.next() % 60000);
                if (export_utc_ms > plan.not_after_utc_ms) break; // the future
                const double share = double(to - from) / 60.0;
                int64_t sessions = random.count(per_hour * hour_profile(hour) * share);
                if (school_trip && (hour == trip_hour || hour == trip_hour + 1))
                    sessions += trip_size / 2;
                add_visitors(kiosk, random, hour, sessions, kiosk.pending);
                // The touring unit exports when back from each day's tour.
                const bool last_hour = hour + 1 >= close_hour;
                const bool exports = who.touring || plan.cadence == ExportCadence::daily ? last_hour
                                     : plan.cadence == ExportCadence::hourly
                                         ? true
                                         : last_hour && week_ends;
                if (!exports || !kiosk.has_changes()) continue;
                int64_t buckets = 0;
                const sync::Bundle bundle = kiosk.export_bundle(export_utc_ms, opened_utc_ms,
                                                                disk_free_mb, plan.titles, buckets);
                ++totals.bundles;
                totals.buckets += buckets;
                totals.sessions += kiosk.pending.sessions;
                totals.session_ms += kiosk.pending.session_ms;
                totals.exhibit_visits += kiosk.pending.exhibit_visits;
                totals.answers += kiosk.pending.answers;
                totals.correct += kiosk.pending.correct;
                kiosk.pending = {};
                if (!send(bundle, export_utc_ms)) {
                    error = "simulate: kiosk " + who.id + ", " + day_text +
                            ": the bundle was not taken";
                    return false;
                }
            }
        }
    }
    return true;
}

std::string totals_line(const DemoHistoryTotals& totals) {
    std::ostringstream line;
    line << "simulated " << totals.bundles << " bundles, " << totals.buckets
         << " buckets: sessions " << totals.sessions << ", session_ms " << totals.session_ms
         << ", exhibit visits " << totals.exhibit_visits << ", answers " << totals.answers
         << ", correct " << totals.correct;
    return line.str();
}

//-----------------------------------------------------------------------------
// [SECTION] Titles from packages, and `kiosk-hub simulate`
//-----------------------------------------------------------------------------

bool titles_from_content(const std::string& folder, std::vector<sync::SubjectTitle>& titles,
                         std::string& error) {
    std::vector<std::string> packages;
    std::error_code failed;
    for (const auto& entry : std::filesystem::directory_iterator(folder, failed))
        if (entry.path().extension() == ".kpkg") packages.push_back(entry.path().string());
    if (failed) {
        error = folder + ": " + failed.message();
        return false;
    }
    std::sort(packages.begin(), packages.end());
    for (const std::string& path : packages) {
        std::shared_ptr<const Package> package = Package::open(path, PackageLimits{}, error);
        if (!package) return false;
        const ManifestLoadResult loaded = load_content_manifest(*package, path);
        if (!loaded.ok()) {
            error = loaded.errors.empty() ? path + ": manifest.lua does not load"
                                          : loaded.errors.front();
            return false;
        }
        const ContentManifest& manifest = *loaded.manifest;
        if (manifest.kind == ContentKind::Exhibit) {
            titles.push_back({"exhibit", manifest.id, manifest.title.zh, manifest.title.en});
            continue;
        }
        titles.push_back({"quiz", manifest.id, manifest.title.zh, manifest.title.en});
        std::string text;
        if (!package->read(manifest.entry, text, error)) return false;
        const QuizLoadResult quiz =
            load_quiz(text, package->describe(manifest.entry),
                      [&](const std::string& name) { return package->exists(name); });
        if (!quiz.ok()) {
            error = quiz.errors.empty() ? path + ": the quiz does not load" : quiz.errors.front();
            return false;
        }
        for (const QuizQuestion& question : quiz.pack->questions)
            titles.push_back({"question", manifest.id + "/" + question.id, question.prompt.zh,
                              question.prompt.en});
    }
    return true;
}

int simulate_command(const SimulateOptions& options, std::ostream& out, std::ostream& err) {
    std::string error;
    std::unique_ptr<HubStore> store = open_hub_store(options.store, error);
    if (!store) {
        err << "kiosk-hub simulate: " << error << "\n";
        return 1;
    }
    DemoHistoryPlan plan;
    plan.seed = options.seed;
    plan.utc_offset_min = options.utc_offset_min;
    if (options.cadence == "hourly")
        plan.cadence = ExportCadence::hourly;
    else if (options.cadence == "daily")
        plan.cadence = ExportCadence::daily;
    else if (options.cadence == "weekly")
        plan.cadence = ExportCadence::weekly;
    else {
        err << "kiosk-hub simulate: --exports " << options.cadence
            << ": expected hourly, daily or weekly\n";
        return 2;
    }
    const int64_t now = now_utc_ms();
    if (options.end_day.empty()) {
        plan.last_day = local_day(now, options.utc_offset_min);
        plan.not_after_utc_ms = now;
    } else if (!is_valid_day(options.end_day)) {
        err << "kiosk-hub simulate: --end-day " << options.end_day
            << ": expected a day YYYY-MM-DD\n";
        return 2;
    } else {
        plan.last_day = options.end_day;
        plan.not_after_utc_ms = now;
    }
    for (const std::string& folder : options.titles_from)
        if (!titles_from_content(folder, plan.titles, error)) {
            err << "kiosk-hub simulate: --titles-from " << error << "\n";
            return 2;
        }
    if (options.days < 1 || options.days > 3660) {
        err << "kiosk-hub simulate: --days " << options.days << ": expected 1 .. 3660\n";
        return 2;
    }
    plan.first_day = format_day(*parse_day(plan.last_day) - chrono::days{options.days - 1});

    std::map<std::string, std::string> venue_kinds;
    for (const Venue& venue : store->venues()) {
        venue_kinds[venue.id] = venue.kind;
        plan.opening_hours[venue.id] = venue.opening_hours;
    }
    for (const KioskRecord& record : store->kiosks()) {
        if (record.revoked_utc_ms != 0) continue;
        const std::string key_file = options.keys_dir + "/" + record.id + ".key";
        std::optional<SecretKey> key = read_secret_key(key_file, error);
        if (!key) {
            err << "kiosk-hub simulate: kiosk " << record.id << ": " << error << "\n";
            return 1;
        }
        plan.kiosks.push_back(
            {record.id, record.venue, venue_kinds[record.venue] == "mobile_exhibit", *key});
    }
    if (plan.kiosks.empty()) {
        err << "kiosk-hub simulate: " << options.store.data_dir << " has no kiosks to simulate\n";
        return 1;
    }
    if (!make_private_folder(options.out_dir, error)) {
        err << "kiosk-hub simulate: " << error << "\n";
        return 1;
    }
    int64_t written = 0;
    DemoHistoryTotals totals;
    const bool ok = simulate_history(
        plan,
        [&](const sync::Bundle& bundle, int64_t) {
            std::ostringstream name;
            name << options.out_dir << "/" << std::setw(8) << std::setfill('0') << written++ << "-"
                 << bundle.kiosk << ".json";
            // The folder is the owner's only (make_private_folder); no fsync per
            // file: a demo's bundles are remade when lost.
            std::ofstream file(name.str(), std::ios::binary);
            file << sync::to_json(bundle);
            if (!file.flush()) error = name.str() + ": cannot write";
            return bool(file);
        },
        totals, error);
    if (!ok) {
        err << "kiosk-hub simulate: " << error << "\n";
        return 1;
    }
    out << totals_line(totals) << " (" << plan.first_day << " .. " << plan.last_day << ", "
        << plan.kiosks.size() << " kiosks, written to " << options.out_dir << ")\n";
    return 0;
}

} // namespace kiosk::hub
