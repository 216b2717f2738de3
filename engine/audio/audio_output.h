// The kiosk's one sound output: an SDL2 audio device opened in queue mode
// (SDL_OpenAudioDevice without a callback, fed by SDL_QueueAudio) and the
// mixer. Mixing is driven by frame time, not by the device: advance(dt) mixes
// exactly dt seconds of every voice (whole frames, the rest carried to the next
// call) and queues them, so a headless run writes the same samples every time
// (SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE) and a test can read them back.
//
// Live, a small lead (kLiveLeadS) of silence is kept queued so a late frame
// does not starve the device, and the queue never grows past twice the lead:
// after a long frame the voices skip ahead silently rather than play late. Headless, only what the
// voices play is queued (nothing between sounds, so a run faster than real time does not pile up
// silence), at most kHeadlessQueueS ahead of the device, and closing waits for
// the device to take what is queued while it keeps taking it.
//
// Without a device (none, or the driver cannot open it) the mixer still runs,
// so voices end on time and captions keep to the same clock; problem() says why,
// logged once.
#pragma once

#include "audio_mixer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

class AudioOutput {
public:
    static constexpr double kLiveLeadS = 0.05;
    static constexpr double kHeadlessQueueS = 30;

    explicit AudioOutput(bool live);
    ~AudioOutput();
    AudioOutput(const AudioOutput&) = delete;
    AudioOutput& operator=(const AudioOutput&) = delete;

    bool has_device() const { return device_ != 0; }
    const std::string& problem() const { return problem_; } // why there is no device
    AudioMixer& mixer() { return mixer_; }

    // Mixes `dt` seconds of every voice, at `volume` (0..1) when `audible`,
    // silence otherwise, and queues them.
    void advance(double dt, bool audible, float volume);
    // For the process's end: the destructor still closes the device (what is
    // queued drains as before) but leaves SDL's audio driver to the exit.
    // Quitting it joins ALSA's hotplug thread, which sleeps in steps of 100 ms
    // (SDL 2.26, no hint turns it off): every kiosk stop took up to 100 ms more.
    void leave_driver_for_exit() { quit_driver_ = false; }

private:
    void drain();

    bool live_;
    uint32_t device_ = 0;
    bool subsystem_started_ = false;
    bool quit_driver_ = true;
    std::string problem_;
    AudioMixer mixer_;
    double frames_due_ = 0; // fractional frames carried to the next advance
    std::vector<int16_t> buffer_;
    std::vector<int16_t> skipped_; // live: sound a long frame missed, played silently
};

} // namespace kiosk
