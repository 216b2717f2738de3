// A decoded sound: an exhibit's .ogg (OGG Vorbis, Debian's stb_vorbis) or .wav
// (SDL_LoadWAV_RW) file, its header numbers (sample rate, channels, length)
// checked for plausibility before anything is decoded or allocated, then
// converted with SDL_AudioStream to the output format: kOutputRate Hz,
// interleaved stereo, signed 16-bit. A file that is broken or implausible is
// refused with a message naming it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {

inline constexpr int kOutputRate = 48000;
inline constexpr int kOutputChannels = 2;

// What a header may claim: 8 kHz (telephone speech) to 192 kHz, mono or
// stereo, and at most kMaxClipSeconds of sound (a long narration).
inline constexpr int kMinClipRate = 8000;
inline constexpr int kMaxClipRate = 192000;
inline constexpr int kMaxClipChannels = 2;
inline constexpr double kMaxClipSeconds = 300;

struct AudioClip {
    std::vector<int16_t> samples; // interleaved stereo at kOutputRate
    size_t frames() const { return samples.size() / kOutputChannels; }
    double seconds() const { return double(frames()) / kOutputRate; }
    size_t bytes() const { return samples.size() * sizeof(int16_t); }
};

// What a sound file's header claims.
struct AudioHeader {
    int rate = 0;
    int channels = 0;
    uint64_t frames = 0; // per channel
    double seconds() const { return rate > 0 ? double(frames) / rate : 0; }
};

// Reads and checks only the header of `bytes`, the file `name`: quick enough
// to run inside an exhibit's callback (decoding may take a tenth of a second
// per minute of sound, so it happens outside). False and `error` ("NAME: why").
bool probe_audio_clip(const std::string& name, const std::string& bytes, AudioHeader& header,
                      std::string& error);

// Decodes `bytes`, the contents of the file `name` (its extension, .ogg or
// .wav, chooses the decoder). nullptr and `error` ("NAME: why") on failure.
std::shared_ptr<const AudioClip> decode_audio_clip(const std::string& name,
                                                   const std::string& bytes, std::string& error);

// Why a header's numbers cannot be used ("" when they can). `frames` is the
// length per channel; 0 when unknown.
std::string implausible_audio_header(int rate, int channels, uint64_t frames);

} // namespace kiosk
