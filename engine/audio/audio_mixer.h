// The voices playing now and how they add up: short effects (at most
// kMaxEffects at once; the oldest gives way) and one narration (a new one
// replaces the old). mix() writes the next frames of the sum, in the output
// format, and moves every voice on, heard or not: with sound off a voice still
// ends when it would have, so what a visitor sees (captions, narrating())
// keeps to the same clock. No SDL here: the tests drive it directly.
#pragma once

#include "audio_clip.h"

#include <memory>
#include <vector>

namespace kiosk {

class AudioMixer {
public:
    static constexpr size_t kMaxEffects = 8;

    void play_effect(std::shared_ptr<const AudioClip> clip, float volume);
    void play_narration(std::shared_ptr<const AudioClip> clip);
    void stop_all();

    bool narration_playing() const { return narration_.clip != nullptr; }
    bool playing() const { return narration_playing() || !effects_.empty(); }

    // Appends `frames` frames (interleaved stereo) to `out`: the sum of the
    // voices times `master_volume` (0..1), clipped; zeros when not `audible`.
    void mix(size_t frames, bool audible, float master_volume, std::vector<int16_t>& out);

private:
    struct Voice {
        std::shared_ptr<const AudioClip> clip;
        size_t position = 0; // frames played
        float volume = 1;
    };
    static void add(Voice& voice, size_t frames, float gain, float* sum);

    std::vector<Voice> effects_;
    Voice narration_;
    std::vector<float> sum_; // scratch, reused
};

} // namespace kiosk
