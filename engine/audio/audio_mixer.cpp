// AudioMixer implementation: adding the voices up in float, then clipping to
// 16 bits.
#include "audio_mixer.h"

#include <algorithm>
#include <cmath>

namespace kiosk {

void AudioMixer::play_effect(std::shared_ptr<const AudioClip> clip, float volume) {
    if (!clip) return;
    if (effects_.size() >= kMaxEffects) effects_.erase(effects_.begin());
    effects_.push_back(Voice{std::move(clip), 0, std::clamp(volume, 0.0f, 1.0f)});
}

void AudioMixer::play_narration(std::shared_ptr<const AudioClip> clip) {
    narration_ = Voice{std::move(clip), 0, 1};
}

void AudioMixer::stop_all() {
    effects_.clear();
    narration_ = Voice{};
}

void AudioMixer::add(Voice& voice, size_t frames, float gain, float* sum) {
    const size_t left = voice.clip->frames() - voice.position;
    const size_t count = std::min(frames, left);
    if (gain > 0) {
        const int16_t* from = voice.clip->samples.data() + voice.position * kOutputChannels;
        for (size_t i = 0; i < count * kOutputChannels; ++i)
            sum[i] += float(from[i]) * gain;
    }
    voice.position += count;
}

void AudioMixer::mix(size_t frames, bool audible, float master_volume, std::vector<int16_t>& out) {
    const float master = audible ? std::clamp(master_volume, 0.0f, 1.0f) : 0.0f;
    sum_.assign(frames * kOutputChannels, 0.0f);
    if (narration_.clip) {
        add(narration_, frames, master, sum_.data());
        if (narration_.position >= narration_.clip->frames()) narration_ = Voice{};
    }
    for (Voice& effect : effects_)
        add(effect, frames, master * effect.volume, sum_.data());
    std::erase_if(effects_, [](const Voice& v) { return v.position >= v.clip->frames(); });
    const size_t start = out.size();
    out.resize(start + sum_.size());
    for (size_t i = 0; i < sum_.size(); ++i)
        out[start + i] = int16_t(std::lrint(std::clamp(sum_[i], -32768.0f, 32767.0f)));
}

} // namespace kiosk
