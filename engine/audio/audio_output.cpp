// AudioOutput implementation: opening the device, queueing frame-timed mixes,
// draining on close.
#include "audio_output.h"

#include "core/log.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace kiosk {
namespace {

constexpr size_t kFrameBytes = kOutputChannels * sizeof(int16_t);

} // namespace

AudioOutput::AudioOutput(bool live) : live_(live) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        problem_ = std::string("cannot start SDL audio: ") + SDL_GetError();
    } else {
        subsystem_started_ = true;
        SDL_AudioSpec wanted{};
        wanted.freq = kOutputRate;
        wanted.format = AUDIO_S16SYS;
        wanted.channels = kOutputChannels;
        // 256 frames, about 11 ms: closing the device waits for one buffer
        // (with 1024 that was 43 ms of every quit), and the kLiveLeadS queued
        // ahead keeps a buffer this small fed.
        wanted.samples = 256;
        wanted.callback = nullptr; // queue mode: SDL_QueueAudio
        SDL_AudioSpec got{};
        device_ = SDL_OpenAudioDevice(nullptr, 0, &wanted, &got, 0);
        if (device_ == 0) problem_ = std::string("cannot open an audio device: ") + SDL_GetError();
    }
    if (device_ == 0) {
        log_warning("no sound: " + problem_ + "; narration shows its captions instead");
        return;
    }
    log_info(std::string("sound through SDL's ") + SDL_GetCurrentAudioDriver() + " audio driver");
    SDL_PauseAudioDevice(device_, 0);
}

AudioOutput::~AudioOutput() {
    if (device_) {
        if (!live_) drain();
        SDL_CloseAudioDevice(device_);
    }
    if (subsystem_started_ && quit_driver_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void AudioOutput::advance(double dt, bool audible, float volume) {
    frames_due_ += std::max(0.0, dt) * kOutputRate;
    const auto frames = size_t(frames_due_);
    frames_due_ -= double(frames);
    size_t to_queue = frames;
    buffer_.clear();
    if (device_ && live_) {
        // Keep at least the lead queued; after a long frame, what would push
        // the queue past twice the lead is played silently instead of late.
        const size_t lead_frames = size_t(kLiveLeadS * kOutputRate);
        const size_t queued = SDL_GetQueuedAudioSize(device_) / kFrameBytes;
        if (queued < lead_frames) buffer_.resize((lead_frames - queued) * kOutputChannels, 0);
        const size_t ahead = queued + buffer_.size() / kOutputChannels;
        to_queue = std::min(frames, 2 * lead_frames - std::min(2 * lead_frames, ahead));
        if (to_queue < frames) mixer_.mix(frames - to_queue, false, 0, skipped_);
        skipped_.clear();
    }
    if (mixer_.playing())
        mixer_.mix(to_queue, audible, volume, buffer_);
    else if (device_ && live_)
        buffer_.resize(buffer_.size() + to_queue * kOutputChannels, 0);
    if (!device_ || buffer_.empty()) return;
    if (!live_ &&
        SDL_GetQueuedAudioSize(device_) > size_t(kHeadlessQueueS * kOutputRate) * kFrameBytes)
        return; // the device does not keep up with a run faster than real time
    if (SDL_QueueAudio(device_, buffer_.data(), Uint32(buffer_.size() * sizeof(int16_t))) != 0)
        log_warning(std::string("cannot queue sound: ") + SDL_GetError());
}

// Waits while the device keeps taking what is queued; gives up when it has
// taken nothing for a while (a driver that plays nothing, like dummy).
void AudioOutput::drain() {
    using Clock = std::chrono::steady_clock;
    constexpr auto kStalled = std::chrono::milliseconds(300);
    Uint32 last = SDL_GetQueuedAudioSize(device_);
    auto moved_at = Clock::now();
    while (last > 0 && Clock::now() - moved_at < kStalled) {
        SDL_Delay(5);
        const Uint32 now = SDL_GetQueuedAudioSize(device_);
        if (now < last) moved_at = Clock::now();
        last = now;
    }
}

} // namespace kiosk
