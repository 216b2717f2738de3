// Tests for audio_clip.h: the committed OGG Vorbis and WAV assets decode to
// the output format with their sound intact; broken files and headers with
// implausible numbers are refused, naming the file and what is wrong.
#include "audio/audio_clip.h"
#include "audio_test_support.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace kiosk;
using kiosk::test::read_asset;

namespace {

void put_u32(std::string& bytes, size_t at, uint32_t value) {
    std::memcpy(bytes.data() + at, &value, 4);
}

} // namespace

TEST_CASE("an OGG Vorbis file decodes to 48 kHz stereo with its sound", "[audio]") {
    const std::string bytes = read_asset("tone-440hz-stereo-44k.ogg");
    REQUIRE(bytes.size() > 1000);
    std::string error;
    auto clip = decode_audio_clip("tone.ogg", bytes, error);
    INFO(error);
    REQUIRE(clip);
    REQUIRE(clip->seconds() == Approx(0.5).margin(0.01));
    // A sine of amplitude 0.5 has an RMS of 0.5/sqrt(2) of full scale.
    REQUIRE(test::rms(clip->samples) == Approx(0.5 * 32767 / std::sqrt(2.0)).epsilon(0.1));
}

TEST_CASE("the header probe reads what the headers claim", "[audio]") {
    AudioHeader header;
    std::string error;
    REQUIRE(probe_audio_clip("tone.ogg", read_asset("tone-440hz-stereo-44k.ogg"), header, error));
    CHECK(header.rate == 44100);
    CHECK(header.channels == 2);
    CHECK(header.seconds() == Approx(0.5).margin(0.01));
    REQUIRE(probe_audio_clip("tone.wav", read_asset("tone-440hz-mono-22k.wav"), header, error));
    CHECK(header.rate == 22050);
    CHECK(header.channels == 1);
    CHECK(header.frames == 5512);
}

TEST_CASE("a WAV file decodes, resampled and made stereo", "[audio]") {
    std::string error;
    auto clip = decode_audio_clip("tone.wav", read_asset("tone-440hz-mono-22k.wav"), error);
    INFO(error);
    REQUIRE(clip);
    REQUIRE(clip->seconds() == Approx(0.25).margin(0.01));
    REQUIRE(test::rms(clip->samples) == Approx(0.5 * 32767 / std::sqrt(2.0)).epsilon(0.1));
    // Mono becomes the same sound on both channels.
    for (size_t i = 1000; i < 1010; ++i)
        REQUIRE(clip->samples[2 * i] == clip->samples[2 * i + 1]);
}

TEST_CASE("broken sound files are refused, naming the file", "[audio]") {
    std::string error;
    SECTION("not OGG at all") {
        REQUIRE_FALSE(decode_audio_clip("sounds/ping.ogg", "not an ogg file", error));
        REQUIRE(error.starts_with("sounds/ping.ogg: not a readable OGG Vorbis file"));
    }
    SECTION("OGG cut short in its headers") {
        REQUIRE_FALSE(decode_audio_clip(
            "ping.ogg", read_asset("tone-440hz-stereo-44k.ogg").substr(0, 60), error));
        REQUIRE(error.starts_with("ping.ogg: "));
    }
    SECTION("not WAV at all") {
        REQUIRE_FALSE(decode_audio_clip("ping.wav", "RIFF....WAVEjunk", error));
        REQUIRE(error.starts_with("ping.wav: not a readable WAV file"));
    }
    SECTION("neither extension") {
        REQUIRE_FALSE(decode_audio_clip("ping.mp3", read_asset("tone-440hz-mono-22k.wav"), error));
        REQUIRE(error == "ping.mp3: expected an .ogg (OGG Vorbis) or .wav file");
    }
}

TEST_CASE("implausible header numbers are refused before decoding", "[audio]") {
    std::string error;
    SECTION("a WAV claiming a sample rate of 1 MHz") {
        std::string wav = read_asset("tone-440hz-mono-22k.wav");
        put_u32(wav, 24, 1000000); // fmt chunk: sample rate
        put_u32(wav, 28, 2000000); // and the byte rate that goes with it
        REQUIRE_FALSE(decode_audio_clip("fast.wav", wav, error));
        REQUIRE(error == "fast.wav: its header claims a sample rate of 1000000 Hz (expected 8000 "
                         "to 192000)");
        AudioHeader header;
        REQUIRE_FALSE(probe_audio_clip("fast.wav", wav, header, error));
        REQUIRE(error == "fast.wav: its header claims a sample rate of 1000000 Hz (expected 8000 "
                         "to 192000)");
    }
    SECTION("a WAV with six channels") {
        REQUIRE_FALSE(decode_audio_clip("six.wav", test::sine_wav(22050, 6, 0.1), error));
        REQUIRE(error == "six.wav: its header claims 6 channels (expected 1 or 2: mono or stereo)");
    }
    SECTION("an OGG whose identification header claims 500 kHz") {
        std::string ogg = read_asset("tone-440hz-stereo-44k.ogg");
        // First page: 27 header bytes, 1 lacing byte, then "\x01vorbis",
        // version (4 bytes), channels (1), sample rate (4).
        REQUIRE(ogg.substr(29, 6) == "vorbis");
        put_u32(ogg, 40, 500000);
        REQUIRE_FALSE(decode_audio_clip("fast.ogg", ogg, error));
        REQUIRE(error.starts_with("fast.ogg: "));
        REQUIRE(error.find("500000") != std::string::npos);
        AudioHeader header;
        REQUIRE_FALSE(probe_audio_clip("fast.ogg", ogg, header, error));
        REQUIRE(error.find("500000") != std::string::npos);
    }
    SECTION("the numbers themselves") {
        REQUIRE(implausible_audio_header(48000, 2, 48000).empty());
        REQUIRE(implausible_audio_header(4000, 1, 100) ==
                "its header claims a sample rate of 4000 Hz (expected 8000 to 192000)");
        REQUIRE(implausible_audio_header(48000, 0, 100) ==
                "its header claims 0 channels (expected 1 or 2: mono or stereo)");
        REQUIRE(implausible_audio_header(48000, 1, 0) ==
                "its header claims no sound at all (length 0)");
        REQUIRE(implausible_audio_header(8000, 1, 8000ull * 3600) ==
                "its header claims 3600 s of sound (at most 300 s)");
    }
}
