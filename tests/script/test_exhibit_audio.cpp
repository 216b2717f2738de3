// Tests for kiosk.sound, kiosk.narrate and kiosk.narrating (api_audio.cpp):
// what reaches the host's ExhibitAudioSink, the argument checks with their
// messages (narration without captions says why it is refused), and a sink's
// refusal of a file becoming the exhibit's error, naming the file.
#include "script/exhibit_audio_sink.h"
#include "script_test_support.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using kiosk::test::ScriptedExhibit;

namespace {

// Records what the exhibit asked for; refuses files named "broken.*".
struct RecordingSink : ExhibitAudioSink {
    std::vector<std::pair<std::string, float>> sounds;
    std::string narration;
    std::vector<Caption> captions;
    bool playing = false;

    bool sound(const FileSource&, const std::string& file, float volume,
               std::string& error) override {
        if (file.starts_with("broken")) {
            error = file + ": its header claims 0 channels";
            return false;
        }
        sounds.emplace_back(file, volume);
        return true;
    }
    bool narrate(const FileSource&, const std::string& file, std::vector<Caption> given,
                 std::string& error) override {
        if (file.starts_with("broken")) {
            error = file + ": not a readable OGG Vorbis file";
            return false;
        }
        narration = file;
        captions = std::move(given);
        playing = true;
        return true;
    }
    bool narrating() const override { return playing; }
};

// Runs `body` as exhibit.update once with `sink`; returns the error message ("" if none).
std::string run_update(const std::string& body, ExhibitAudioSink* sink) {
    ScriptedExhibit exhibit("function exhibit.update()\n" + body + "\nend\n");
    exhibit.host->set_audio_sink(sink);
    exhibit.update();
    return exhibit.host->failed() ? exhibit.host->error().message : "";
}

} // namespace

TEST_CASE("kiosk.sound and kiosk.narrate reach the sink checked and complete", "[exhibit][audio]") {
    RecordingSink sink;
    REQUIRE(run_update(R"(
        kiosk.sound("sounds/ping.wav")
        kiosk.sound("click.ogg", { volume = 0.25 })
        kiosk.narrate("voice.ogg", {
          { from = 0, to = 2.5, zh = "光会弯折。", en = "Light bends." },
          { from = 2.5, to = 4, zh = "这就是折射。" },
        })
        assert(kiosk.narrating() == true))",
                       &sink) == "");
    REQUIRE(sink.sounds.size() == 2);
    CHECK(sink.sounds[0] == std::pair<std::string, float>("sounds/ping.wav", 1.0f));
    CHECK(sink.sounds[1] == std::pair<std::string, float>("click.ogg", 0.25f));
    CHECK(sink.narration == "voice.ogg");
    REQUIRE(sink.captions.size() == 2);
    CHECK(sink.captions[0].from_s == 0);
    CHECK(sink.captions[0].to_s == 2.5);
    CHECK(sink.captions[0].zh == "光会弯折。");
    CHECK(sink.captions[0].en == "Light bends.");
    CHECK(sink.captions[1].en.empty()); // zh is shown then
}

TEST_CASE("without a sink the calls are checked and play nothing", "[exhibit][audio]") {
    CHECK(run_update(R"(
        kiosk.sound("ping.wav")
        kiosk.narrate("voice.ogg", { { from = 0, to = 1, zh = "你好" } })
        assert(kiosk.narrating() == false))",
                     nullptr) == "");
    CHECK(run_update("kiosk.narrate('voice.ogg')", nullptr).find("needs captions") !=
          std::string::npos);
}

TEST_CASE("bad sound and narration arguments are errors that say what was expected",
          "[exhibit][audio]") {
    RecordingSink sink;
    const auto error_of = [&](const std::string& body) { return run_update(body, &sink); };
    const auto says = [](const std::string& message, const std::string& part) {
        INFO(message);
        return message.find(part) != std::string::npos;
    };
    CHECK(says(error_of("kiosk.narrate('voice.ogg')"),
               "kiosk.narrate: needs captions, a list of { from = s, to = s, zh = \"...\", en = "
               "\"...\" }: a visitor who cannot hear must lose nothing"));
    CHECK(says(error_of("kiosk.narrate('voice.ogg', {})"), "needs 1 to 500 captions, got 0"));
    CHECK(says(error_of("kiosk.narrate('voice.ogg', { { from = 0, to = 1, en = 'Hi' } })"),
               "captions[1].zh must be text of 1 to 600 bytes"));
    CHECK(says(error_of("kiosk.narrate('voice.ogg', { { from = 2, to = 1, zh = '你好' } })"),
               "captions[1].to (1.0) must be after its from (2.0)"));
    CHECK(says(error_of("kiosk.narrate('voice.ogg', { { from = 0, to = 2, zh = 'a' },\n"
                        "  { from = 1, to = 3, zh = 'b' } })"),
               "captions must be in order and not overlap"));
    CHECK(says(error_of("kiosk.narrate('voice.ogg', { { from = 0, to = 'soon', zh = 'a' } })"),
               "captions[1].to must be a number of seconds from 0 to 3600"));
    CHECK(says(error_of("kiosk.narrate('voice.ogg', { 'hello' })"), "captions[1] must be a table"));
    CHECK(says(error_of("kiosk.sound('ping.mp3')"),
               "kiosk.sound: sound \"ping.mp3\": must be an .ogg (OGG Vorbis) or .wav file"));
    CHECK(
        says(error_of("kiosk.sound('../other/ping.wav')"), "must stay inside the exhibit folder"));
    CHECK(says(error_of("kiosk.sound('ping.wav', { volume = 2 })"),
               "kiosk.sound: opts.volume must be a number from 0"));
    CHECK(sink.sounds.empty());
    CHECK(sink.narration.empty());
}

TEST_CASE("a sound file the sink cannot use is the exhibit's error, naming the file",
          "[exhibit][audio]") {
    RecordingSink sink;
    const std::string message = run_update("kiosk.sound('broken.wav')", &sink);
    CHECK(message.find("kiosk.sound: broken.wav: its header claims 0 channels") !=
          std::string::npos);
    CHECK(message.find("main.lua:2") != std::string::npos); // where the exhibit asked
    CHECK(run_update("kiosk.narrate('broken.ogg', { { from = 0, to = 1, zh = '你' } })", &sink)
              .find("kiosk.narrate: broken.ogg: not a readable OGG Vorbis file") !=
          std::string::npos);
}
