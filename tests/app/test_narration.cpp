// Sound and narration in the running kiosk (engine/app/exhibit_audio.h,
// caption_band.h, engine/audio): a headless kiosk on SDL's disk audio driver
// writes the narration's samples (read back from SDL_DISKAUDIOFILE), writes
// silence and shows the captions when the visitor turned sound off, keeps quiet
// in the venue's quiet hours, stops when the exhibit ends, and runs on with
// captions only when no audio device opens.
#include "../audio/audio_test_support.h"
#include "../home_tiles.h"
#include "app_test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>

using namespace kiosk;
using namespace kiosk::test;

namespace {

constexpr int64_t kNoonBeijingUtcMs = 1780286400000; // 2026-06-01 04:00 UTC = 12:00 +08:00
constexpr int64_t kAfternoonBeijingUtcMs = kNoonBeijingUtcMs + 3 * 3600 * 1000;

// Sets environment variables for one test and puts the old values back.
class ScopedEnvironment {
public:
    void set(const char* name, const std::string& value) {
        const char* old = std::getenv(name);
        saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnvironment() {
        for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
            if (it->second)
                setenv(it->first, it->second->c_str(), 1);
            else
                unsetenv(it->first);
        }
    }

private:
    std::vector<std::pair<const char*, std::optional<std::string>>> saved_;
};

// An exhibit that starts a 1 s narration (a 440 Hz sine) a tenth of a second
// in, so the test can choose the visitor's preferences first; `then` runs in
// exhibit.update after half a second.
void write_narrator(const TempFolder& exhibits, const std::string& then = "") {
    write_test_exhibit(exhibits, "narrator", R"(
local started = false
function exhibit.update()
  if not started and kiosk.time() > 0.1 then
    started = true
    kiosk.narrate("voice.wav", {
      { from = 0, to = 1, zh = "光从空气进入水中会弯折", en = "Light bends entering water" },
    })
  end
  if kiosk.time() > 0.5 then
    )" + then + R"(
  end
end
function exhibit.draw()
  kiosk.clear(0.1, 0.3, 0.5)
end
)");
    exhibits.write("narrator/voice.wav", sine_wav(22050, 1, 1.0));
}

std::unique_ptr<KioskApp> narrator_app(const TempFolder& exhibits, const std::string& data_name,
                                       void (*adjust)(KioskConfig&) = nullptr,
                                       int64_t clock_start_utc_ms = kAfternoonBeijingUtcMs) {
    KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", data_name);
    config.sound = SoundConfig{}; // the sample's quiet hours are the tests' business
    if (adjust) adjust(config);
    AppOptions options;
    options.exhibit_path = exhibits.file("narrator");
    options.width = 960;
    options.height = 540;
    options.clock_start_utc_ms = clock_start_utc_ms;
    options.clock_utc_offset_min = 480; // Beijing time
    return make_app_from(config, options);
}

// The loudest tenth of a second in a disk audio file (16-bit stereo, 48 kHz).
double loudest_rms(const std::string& path) {
    const std::string bytes = read_text(path);
    const auto* samples = reinterpret_cast<const int16_t*>(bytes.data());
    const size_t count = bytes.size() / 2, window = 4800 * 2;
    double loudest = 0;
    for (size_t at = 0; at + window <= count; at += window)
        loudest = std::max(loudest, rms(samples + at, window));
    return loudest;
}

// The share of the band at the bottom of a screenshot that the caption box
// (black at 215/255 over the exhibit's clear colour) covers.
double caption_box_share(KioskApp& app, const std::string& name) {
    const std::string path = temp_dir("narration-shots") + "/" + name + ".png";
    std::string error;
    REQUIRE(app.screenshot(path, error));
    Png png(path);
    REQUIRE(png.pixels);
    // 0.1, 0.3, 0.5 scaled by 40/255: what shows through the box.
    const uint32_t box = IM_COL32(4, 12, 20, 255);
    int64_t same = 0, all = 0;
    for (int y = png.height * 85 / 100; y < png.height; ++y)
        for (int x = 0; x < png.width; ++x, ++all)
            same += pixel_is(png, x, y, box);
    return double(same) / double(all);
}

} // namespace

TEST_CASE("a narration plays into the disk audio driver, without captions", "[audio][narration]") {
    TempFolder exhibits;
    write_narrator(exhibits);
    const std::string wave = temp_dir("narration-disk") + "/sound-on.raw";
    ScopedEnvironment environment;
    environment.set("SDL_AUDIODRIVER", "disk");
    environment.set("SDL_DISKAUDIOFILE", wave);
    {
        auto app = narrator_app(exhibits, "narration-disk");
        run_frames(*app, 30);
        REQUIRE(app->exhibit_audio().narrating());
        CHECK(app->exhibit_audio().audible());
        CHECK(app->exhibit_audio().caption_to_show() == nullptr);
        CHECK(caption_box_share(*app, "sound-on") == 0);
        run_frames(*app, 60);
        CHECK_FALSE(app->exhibit_audio().narrating()); // 1 s of sound and captions
    }
    // The sine's RMS is 0.5/sqrt(2) of full scale, times the default volume 0.8.
    CHECK(loudest_rms(wave) == Approx(0.8 * 16383 / std::sqrt(2.0)).epsilon(0.15));
}

TEST_CASE("with sound off the output is silent and the captions show", "[audio][narration]") {
    TempFolder exhibits;
    write_narrator(exhibits);
    const std::string wave = temp_dir("narration-off") + "/sound-off.raw";
    ScopedEnvironment environment;
    environment.set("SDL_AUDIODRIVER", "disk");
    environment.set("SDL_DISKAUDIOFILE", wave);
    {
        auto app = narrator_app(exhibits, "narration-off");
        VisitorPreferences preferences;
        preferences.sound_on = false;
        app->set_preferences(preferences);
        run_frames(*app, 30);
        REQUIRE(app->exhibit_audio().narrating());
        CHECK_FALSE(app->exhibit_audio().audible());
        REQUIRE(app->exhibit_audio().caption_to_show());
        CHECK(app->exhibit_audio().caption_to_show()->zh == "光从空气进入水中会弯折");
        CHECK(caption_box_share(*app, "sound-off") > 0.05);
        run_frames(*app, 60);
    }
    CHECK(std::filesystem::file_size(wave) > 0);
    CHECK(loudest_rms(wave) == 0);
}

TEST_CASE("quiet hours keep the kiosk silent and show the captions", "[audio][narration]") {
    TempFolder exhibits;
    write_narrator(exhibits);
    const auto quiet_noon = [](KioskConfig& config) {
        config.sound.quiet_hours = {QuietHours{12 * 60, 14 * 60}};
    };
    auto app = narrator_app(exhibits, "narration-quiet", quiet_noon, kNoonBeijingUtcMs);
    run_frames(*app, 30);
    REQUIRE(app->exhibit_audio().narrating());
    CHECK_FALSE(app->exhibit_audio().audible());
    CHECK(app->exhibit_audio().caption_to_show());
    CHECK(caption_box_share(*app, "quiet") > 0.05);

    app.reset(); // SDL's dummy driver opens one device at a time

    // Two hours later the quiet hours are over.
    auto later = narrator_app(exhibits, "narration-after-quiet", quiet_noon,
                              kNoonBeijingUtcMs + 2 * 3600 * 1000);
    run_frames(*later, 30);
    INFO(later->admin_info().sound_problem);
    CHECK(later->exhibit_audio().audible());
    CHECK(later->exhibit_audio().caption_to_show() == nullptr);
}

TEST_CASE("captions = always shows them with sound on", "[audio][narration]") {
    TempFolder exhibits;
    write_narrator(exhibits);
    auto app = narrator_app(exhibits, "narration-always", [](KioskConfig& config) {
        config.sound.captions = CaptionsMode::Always;
    });
    run_frames(*app, 30);
    CHECK(app->exhibit_audio().audible());
    CHECK(app->exhibit_audio().caption_to_show());
}

TEST_CASE("the narration stops when the exhibit ends", "[audio][narration]") {
    TempFolder exhibits;
    SECTION("the visitor leaves") {
        write_narrator(exhibits, "kiosk.home()");
    }
    SECTION("the exhibit fails") {
        write_narrator(exhibits, "error('boom')");
    }
    auto app = narrator_app(exhibits, "narration-stop", [](KioskConfig& config) {
        config.sound.captions = CaptionsMode::Always;
    });
    run_frames(*app, 12); // 0.2 s: narrating
    REQUIRE(app->exhibit_audio().narrating());
    run_frames(*app, 30); // past 0.5 s: it left or failed
    CHECK_FALSE(app->exhibit_audio().narrating());
    CHECK(app->exhibit_audio().caption_to_show() == nullptr);
}

TEST_CASE("without an audio device the kiosk runs on with captions and says why",
          "[audio][narration]") {
    TempFolder exhibits;
    write_narrator(exhibits);
    ScopedEnvironment environment;
    environment.set("SDL_AUDIODRIVER", "nonexistent");
    auto app = narrator_app(exhibits, "narration-no-device");
    run_frames(*app, 30);
    REQUIRE(app->exhibit_audio().narrating());
    CHECK_FALSE(app->exhibit_audio().audible());
    CHECK(app->exhibit_audio().caption_to_show());
    CHECK(caption_box_share(*app, "no-device") > 0.05);
    const std::string problem = app->admin_info().sound_problem;
    INFO(problem);
    CHECK(problem.find("nonexistent") != std::string::npos);
}

TEST_CASE("a broken sound file is the exhibit's error, naming the file", "[audio][narration]") {
    TempFolder exhibits;
    write_narrator(exhibits);
    exhibits.write("narrator/voice.wav", "RIFF....WAVEnot really");
    auto app = narrator_app(exhibits, "narration-broken");
    run_frames(*app, 30);
    const ExhibitHost* host = app->exhibit_screen().host();
    REQUIRE(host);
    REQUIRE(host->failed());
    INFO(host->error().message);
    CHECK(host->error().message.find("voice.wav: not a readable WAV file") != std::string::npos);
}

//-----------------------------------------------------------------------------
// The moon phases sample (the issue's acceptance): its narration reaches the
// disk driver; with sound off its captions show.
//-----------------------------------------------------------------------------

namespace {

// The sample, opened from the demo home screen, its "Listen" button tapped.
std::unique_ptr<KioskApp> moon_phases_listening(const std::string& data_name, bool sound_on) {
    KioskConfig config = load_sample_config("kiosk-config/county-museum.lua", data_name);
    config.sound = SoundConfig{}; // not the sample config's lunchtime quiet hours
    AppOptions options;
    options.width = 960;
    options.height = 540;
    options.clock_start_utc_ms = kAfternoonBeijingUtcMs;
    options.clock_utc_offset_min = 480;
    auto app = make_app_from(config, options);
    VisitorPreferences preferences;
    preferences.sound_on = sound_on;
    app->set_preferences(preferences);
    play(*app, "wait 0.5\n" + open_home_tile("moon-phases") + "wait 1\ntap 1710 850\nwait 2\n");
    REQUIRE(app->screen() == ScreenId::Exhibit);
    INFO((app->exhibit_screen().host() ? app->exhibit_screen().host()->error().message : ""));
    REQUIRE(app->exhibit_screen().host());
    REQUIRE_FALSE(app->exhibit_screen().host()->failed());
    CHECK(app->exhibit_screen().host()->source().id == "moon-phases");
    return app;
}

// The share of the bottom 15% of a screenshot darker than anything the sample
// draws there (its sky is #0B1026, its buttons orange): the caption box.
double bottom_dark_share(KioskApp& app, const std::string& name) {
    const std::string path = temp_dir(name + "-shot") + "/screen.png";
    std::string error;
    REQUIRE(app.screenshot(path, error));
    Png png(path);
    REQUIRE(png.pixels);
    int64_t dark = 0, all = 0;
    for (int y = png.height * 85 / 100; y < png.height; ++y)
        for (int x = 0; x < png.width; ++x, ++all) {
            const unsigned char* pixel = png.at(x, y);
            dark += int(pixel[0]) + pixel[1] + pixel[2] < 24;
        }
    return double(dark) / double(all);
}

} // namespace

TEST_CASE("the moon phases sample's narration is written to the disk audio driver",
          "[audio][narration][sample]") {
    const std::string wave = temp_dir("moon-phases-disk") + "/sound-on.raw";
    ScopedEnvironment environment;
    environment.set("SDL_AUDIODRIVER", "disk");
    environment.set("SDL_DISKAUDIOFILE", wave);
    {
        auto app = moon_phases_listening("moon-phases-disk", true);
        CHECK(app->exhibit_audio().narrating());
        CHECK(app->exhibit_audio().audible());
        CHECK(app->exhibit_audio().caption_to_show() == nullptr);
        CHECK(bottom_dark_share(*app, "moon-phases-disk") < 0.01); // no caption box
    }
    // A voice, not silence: well above the noise floor of a 16-bit file.
    CHECK(loudest_rms(wave) > 500);
}

TEST_CASE("with sound off the moon phases sample shows its narration's captions",
          "[audio][narration][sample]") {
    auto app = moon_phases_listening("moon-phases-captions", false);
    REQUIRE(app->exhibit_audio().narrating());
    CHECK_FALSE(app->exhibit_audio().audible());
    REQUIRE(app->exhibit_audio().caption_to_show());
    CHECK(app->exhibit_audio().caption_to_show()->zh ==
          "月亮自己不发光，我们看到的月光，是它反射的太阳光。");
    CHECK(bottom_dark_share(*app, "moon-phases-captions") > 0.05);
}
