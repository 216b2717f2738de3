// Decoding and converting exhibit sounds (audio_clip.h): OGG Vorbis through
// stb_vorbis, WAV through SDL_LoadWAV_RW, both to the output format through
// SDL_AudioStream.
#include "audio_clip.h"

#include <SDL.h>
#include <stb_vorbis.h>

#include <algorithm>
#include <memory>

namespace kiosk {
namespace {

bool ends_with_ci(const std::string& name, const char* suffix) {
    const size_t length = SDL_strlen(suffix);
    return name.size() >= length &&
           SDL_strcasecmp(name.c_str() + name.size() - length, suffix) == 0;
}

// `bytes` of `format` x `channels` at `rate` in `data`, converted to the
// output format. False with `error` when SDL refuses the conversion.
bool convert_to_output(const void* data, size_t bytes, SDL_AudioFormat format, int channels,
                       int rate, AudioClip& clip, std::string& error) {
    std::unique_ptr<SDL_AudioStream, decltype(&SDL_FreeAudioStream)> stream(
        SDL_NewAudioStream(format, Uint8(channels), rate, AUDIO_S16SYS, kOutputChannels,
                           kOutputRate),
        SDL_FreeAudioStream);
    // SDL 2.26's resampler keeps back the last few milliseconds even when
    // flushed: a tenth of a second of silence after the sound carries them
    // out, and the result is cut to the length the input had.
    const size_t frame_bytes = size_t(SDL_AUDIO_BITSIZE(format) / 8) * size_t(channels);
    const std::vector<uint8_t> padding(size_t(rate / 10) * frame_bytes,
                                       format == AUDIO_U8 ? 0x80 : 0);
    if (!stream || SDL_AudioStreamPut(stream.get(), data, int(bytes)) != 0 ||
        SDL_AudioStreamPut(stream.get(), padding.data(), int(padding.size())) != 0 ||
        SDL_AudioStreamFlush(stream.get()) != 0) {
        error = std::string("cannot convert it to the output format: ") + SDL_GetError();
        return false;
    }
    const int available = SDL_AudioStreamAvailable(stream.get());
    clip.samples.resize(size_t(available) / sizeof(int16_t));
    const int got = SDL_AudioStreamGet(stream.get(), clip.samples.data(), available);
    if (got < 0) {
        error = std::string("cannot convert it to the output format: ") + SDL_GetError();
        return false;
    }
    const auto frames = size_t(double(bytes / frame_bytes) * kOutputRate / rate + 0.5);
    clip.samples.resize(std::min(size_t(got) / sizeof(int16_t), frames * kOutputChannels));
    clip.samples.resize(clip.frames() * kOutputChannels); // whole frames only
    return true;
}

using VorbisPtr = std::unique_ptr<stb_vorbis, decltype(&stb_vorbis_close)>;

// The stream, its header read and checked; nullptr and `error` when unusable.
VorbisPtr open_ogg(const std::string& bytes, AudioHeader& header, std::string& error) {
    int vorbis_error = 0;
    VorbisPtr vorbis(stb_vorbis_open_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                                            int(bytes.size()), &vorbis_error, nullptr),
                     stb_vorbis_close);
    if (!vorbis) {
        error = "not a readable OGG Vorbis file (stb_vorbis error " + std::to_string(vorbis_error) +
                ")";
        return VorbisPtr(nullptr, stb_vorbis_close);
    }
    const stb_vorbis_info info = stb_vorbis_get_info(vorbis.get());
    header = AudioHeader{int(info.sample_rate), info.channels,
                         stb_vorbis_stream_length_in_samples(vorbis.get())};
    error = implausible_audio_header(header.rate, header.channels, header.frames);
    if (!error.empty()) return VorbisPtr(nullptr, stb_vorbis_close);
    return vorbis;
}

bool decode_ogg(const std::string& bytes, AudioClip& clip, std::string& error) {
    AudioHeader header;
    VorbisPtr vorbis = open_ogg(bytes, header, error);
    if (!vorbis) return false;
    const stb_vorbis_info info = stb_vorbis_get_info(vorbis.get());
    const auto length = size_t(header.frames);
    // At most the length the header claims: a stream that goes on is cut there.
    std::vector<int16_t> decoded(size_t(length) * size_t(info.channels));
    size_t frames = 0;
    while (frames < length) {
        const int got = stb_vorbis_get_samples_short_interleaved(
            vorbis.get(), info.channels, decoded.data() + frames * size_t(info.channels),
            int((length - frames) * size_t(info.channels)));
        if (got <= 0) break;
        frames += size_t(got);
    }
    if (frames == 0) {
        error = "its OGG Vorbis stream holds no sound that can be decoded";
        return false;
    }
    return convert_to_output(decoded.data(), frames * size_t(info.channels) * sizeof(int16_t),
                             AUDIO_S16SYS, info.channels, int(info.sample_rate), clip, error);
}

using WavPtr = std::unique_ptr<Uint8, decltype(&SDL_FreeWAV)>;

// The samples, their format and header read and checked; nullptr and `error`
// when unusable.
WavPtr load_wav(const std::string& bytes, SDL_AudioSpec& spec, Uint32& length, AudioHeader& header,
                std::string& error) {
    Uint8* data = nullptr;
    SDL_RWops* source = SDL_RWFromConstMem(bytes.data(), int(bytes.size()));
    if (!source || !SDL_LoadWAV_RW(source, 1, &spec, &data, &length)) {
        error = std::string("not a readable WAV file (") + SDL_GetError() + ")";
        return WavPtr(nullptr, SDL_FreeWAV);
    }
    WavPtr owned(data, SDL_FreeWAV);
    const size_t frame_bytes = size_t(SDL_AUDIO_BITSIZE(spec.format) / 8) * spec.channels;
    header = AudioHeader{spec.freq, spec.channels, frame_bytes ? length / frame_bytes : 0};
    error = implausible_audio_header(header.rate, header.channels, header.frames);
    if (!error.empty()) return WavPtr(nullptr, SDL_FreeWAV);
    return owned;
}

bool decode_wav(const std::string& bytes, AudioClip& clip, std::string& error) {
    SDL_AudioSpec spec{};
    Uint32 length = 0;
    AudioHeader header;
    WavPtr data = load_wav(bytes, spec, length, header, error);
    if (!data) return false;
    const size_t frame_bytes = size_t(SDL_AUDIO_BITSIZE(spec.format) / 8) * spec.channels;
    return convert_to_output(data.get(), length - length % frame_bytes, spec.format, spec.channels,
                             spec.freq, clip, error);
}

bool probe_ogg(const std::string& bytes, AudioHeader& header, std::string& error) {
    return open_ogg(bytes, header, error) != nullptr;
}

bool probe_wav(const std::string& bytes, AudioHeader& header, std::string& error) {
    SDL_AudioSpec spec{};
    Uint32 length = 0;
    return load_wav(bytes, spec, length, header, error) != nullptr;
}

} // namespace

bool probe_audio_clip(const std::string& name, const std::string& bytes, AudioHeader& header,
                      std::string& error) {
    bool probed = false;
    if (ends_with_ci(name, ".ogg"))
        probed = probe_ogg(bytes, header, error);
    else if (ends_with_ci(name, ".wav"))
        probed = probe_wav(bytes, header, error);
    else
        error = "expected an .ogg (OGG Vorbis) or .wav file";
    if (!probed) error = name + ": " + error;
    return probed;
}

std::string implausible_audio_header(int rate, int channels, uint64_t frames) {
    if (rate < kMinClipRate || rate > kMaxClipRate)
        return "its header claims a sample rate of " + std::to_string(rate) + " Hz (expected " +
               std::to_string(kMinClipRate) + " to " + std::to_string(kMaxClipRate) + ")";
    if (channels < 1 || channels > kMaxClipChannels)
        return "its header claims " + std::to_string(channels) +
               " channels (expected 1 or 2: mono or stereo)";
    if (frames == 0) return "its header claims no sound at all (length 0)";
    if (double(frames) / rate > kMaxClipSeconds)
        return "its header claims " + std::to_string(frames / uint64_t(rate)) +
               " s of sound (at most " + std::to_string(int(kMaxClipSeconds)) + " s)";
    return {};
}

std::shared_ptr<const AudioClip> decode_audio_clip(const std::string& name,
                                                   const std::string& bytes, std::string& error) {
    auto clip = std::make_shared<AudioClip>();
    bool decoded = false;
    if (ends_with_ci(name, ".ogg"))
        decoded = decode_ogg(bytes, *clip, error);
    else if (ends_with_ci(name, ".wav"))
        decoded = decode_wav(bytes, *clip, error);
    else
        error = "expected an .ogg (OGG Vorbis) or .wav file";
    if (decoded && clip->frames() == 0) {
        error = "no sound left after converting it to the output format";
        decoded = false;
    }
    if (!decoded) {
        error = name + ": " + error;
        return nullptr;
    }
    return clip;
}

} // namespace kiosk
