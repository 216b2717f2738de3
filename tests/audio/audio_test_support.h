// Shared by the audio tests: reading the committed assets, making WAV bytes,
// and the loudness (RMS) of 16-bit samples.
#pragma once

#include "test_paths.h"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace kiosk::test {

inline std::string read_asset(const std::string& name) {
    std::ifstream in(source_dir() + "/tests/audio/assets/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

inline double rms(const int16_t* samples, size_t count) {
    double sum = 0;
    for (size_t i = 0; i < count; ++i)
        sum += double(samples[i]) * samples[i];
    return count ? std::sqrt(sum / double(count)) : 0;
}

inline double rms(const std::vector<int16_t>& samples) {
    return rms(samples.data(), samples.size());
}

// A 16-bit PCM WAV file of a sine at `hz` (amplitude 0.5).
inline std::string sine_wav(int rate, int channels, double seconds, double hz = 440) {
    const auto frames = uint32_t(rate * seconds);
    const uint32_t data_bytes = frames * uint32_t(channels) * 2;
    std::string out;
    const auto u32 = [&](uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); };
    const auto u16 = [&](uint16_t v) { out.append(reinterpret_cast<const char*>(&v), 2); };
    out += "RIFF";
    u32(36 + data_bytes);
    out += "WAVEfmt ";
    u32(16);
    u16(1); // PCM
    u16(uint16_t(channels));
    u32(uint32_t(rate));
    u32(uint32_t(rate * channels * 2));
    u16(uint16_t(channels * 2));
    u16(16);
    out += "data";
    u32(data_bytes);
    for (uint32_t i = 0; i < frames; ++i) {
        const auto v = int16_t(std::lrint(16383 * std::sin(2 * M_PI * hz * i / rate)));
        for (int c = 0; c < channels; ++c)
            u16(uint16_t(v));
    }
    return out;
}

} // namespace kiosk::test
