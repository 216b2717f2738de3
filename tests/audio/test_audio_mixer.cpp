// Tests for audio_mixer.h: voices add up at their volumes, a silent mix still
// moves every voice on, a new narration replaces the old, and effects are
// capped.
#include "audio/audio_mixer.h"
#include "audio_test_support.h"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

// A clip of `frames` frames, every sample `value`.
std::shared_ptr<const AudioClip> flat_clip(size_t frames, int16_t value) {
    auto clip = std::make_shared<AudioClip>();
    clip->samples.assign(frames * kOutputChannels, value);
    return clip;
}

} // namespace

TEST_CASE("voices add up at their volumes and end with their clips", "[audio]") {
    AudioMixer mixer;
    mixer.play_narration(flat_clip(100, 1000));
    mixer.play_effect(flat_clip(50, 2000), 0.5f);
    std::vector<int16_t> out;
    mixer.mix(60, true, 1.0f, out);
    REQUIRE(out.size() == 120);
    REQUIRE(out[0] == 2000);   // 1000 + 0.5 * 2000
    REQUIRE(out[99] == 2000);  // frame 49: both
    REQUIRE(out[100] == 1000); // frame 50: the effect has ended
    REQUIRE(mixer.narration_playing());
    mixer.mix(60, true, 0.5f, out);
    REQUIRE(out.size() == 240);
    REQUIRE(out[120] == 500); // master volume 0.5
    REQUIRE(out[200] == 0);   // frame 100: the narration has ended too
    REQUIRE_FALSE(mixer.playing());
}

TEST_CASE("a silent mix writes zeros but keeps every voice's clock", "[audio]") {
    AudioMixer mixer;
    mixer.play_narration(flat_clip(100, 1000));
    std::vector<int16_t> out;
    mixer.mix(80, false, 1.0f, out);
    REQUIRE(test::rms(out) == 0);
    REQUIRE(mixer.narration_playing());
    mixer.mix(30, true, 1.0f, out);
    REQUIRE(out[160] == 1000); // frame 80 of the clip: it went on while silent
    REQUIRE(out[200] == 0);    // and ends at frame 100 as it would have
    REQUIRE_FALSE(mixer.narration_playing());
}

TEST_CASE("a new narration replaces the old; stop_all stops everything", "[audio]") {
    AudioMixer mixer;
    mixer.play_narration(flat_clip(100, 1000));
    mixer.play_narration(flat_clip(100, 3000));
    std::vector<int16_t> out;
    mixer.mix(1, true, 1.0f, out);
    REQUIRE(out[0] == 3000);
    for (size_t i = 0; i < AudioMixer::kMaxEffects + 3; ++i)
        mixer.play_effect(flat_clip(100, 100), 1.0f);
    out.clear();
    mixer.mix(1, true, 1.0f, out);
    REQUIRE(out[0] == 3000 + 100 * int(AudioMixer::kMaxEffects)); // the oldest gave way
    mixer.stop_all();
    REQUIRE_FALSE(mixer.playing());
    out.clear();
    mixer.mix(10, true, 1.0f, out);
    REQUIRE(test::rms(out) == 0);
}

TEST_CASE("loud sums are clipped, not wrapped", "[audio]") {
    AudioMixer mixer;
    mixer.play_narration(flat_clip(10, 30000));
    mixer.play_effect(flat_clip(10, 30000), 1.0f);
    mixer.play_effect(flat_clip(10, -30000), 0.0f);
    std::vector<int16_t> out;
    mixer.mix(10, true, 1.0f, out);
    REQUIRE(out[0] == 32767);
}
