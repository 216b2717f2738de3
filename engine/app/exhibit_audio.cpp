// ExhibitAudio implementation: reading and checking files, decoding off the
// frame's callback, the clip cache, the narration clock, who hears.
#include "exhibit_audio.h"

#include "core/log.h"

#include <algorithm>

namespace kiosk {

bool ExhibitAudio::play(const FileSource& files, const std::string& file, bool narration,
                        float volume, double& seconds, std::string& error) {
    if (auto found = cache_.find(file); found != cache_.end()) {
        seconds = found->second->seconds();
        start(found->second, narration, volume);
        return true;
    }
    std::string bytes;
    const std::string name = files.describe(file);
    if (!files.read(file, bytes, error)) {
        error = name + ": " + error;
        return false;
    }
    AudioHeader header;
    if (!probe_audio_clip(name, bytes, header, error)) return false;
    const size_t decoded_bytes =
        size_t(double(header.seconds()) * kOutputRate) * kOutputChannels * sizeof(int16_t);
    if (decoded_bytes > kCacheBytes) {
        error = name + ": " + std::to_string(decoded_bytes >> 20) +
                " MiB of decoded sound, more than an exhibit may hold (" +
                std::to_string(kCacheBytes >> 20) + " MiB)";
        return false;
    }
    seconds = header.seconds();
    if (narration) {
        output_.mixer().play_narration(nullptr); // the old one stops now
        std::erase_if(pending_, [](const Pending& p) { return p.narration; });
    }
    pending_.push_back(Pending{file,
                               std::async(std::launch::async,
                                          [name, bytes = std::move(bytes)] {
                                              Decoded result;
                                              result.clip =
                                                  decode_audio_clip(name, bytes, result.error);
                                              return result;
                                          }),
                               narration, volume});
    if (narration) narration_pending_ = true;
    return true;
}

void ExhibitAudio::start(const std::shared_ptr<const AudioClip>& clip, bool narration,
                         float volume) {
    if (narration) {
        output_.mixer().play_narration(clip);
        narration_pending_ = false;
    } else {
        output_.mixer().play_effect(clip, volume);
    }
}

void ExhibitAudio::keep(const std::string& file, const std::shared_ptr<const AudioClip>& clip) {
    if (cache_.count(file)) return;
    while (cache_bytes_ + clip->bytes() > kCacheBytes && !cache_order_.empty()) {
        cache_bytes_ -= cache_[cache_order_.front()]->bytes();
        cache_.erase(cache_order_.front());
        cache_order_.pop_front();
    }
    cache_.emplace(file, clip);
    cache_order_.push_back(file);
    cache_bytes_ += clip->bytes();
}

// Starts what has been decoded (all of it, waiting, when wait_for_decoding_).
// A file whose header was fine but whose sound cannot be decoded is logged;
// a narration's captions then run on their own.
void ExhibitAudio::pick_up_decoded() {
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (!wait_for_decoding_ &&
            it->decoded.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            ++it;
            continue;
        }
        Decoded decoded = it->decoded.get();
        if (decoded.clip) {
            keep(it->file, decoded.clip);
            start(decoded.clip, it->narration, it->volume);
        } else {
            log_warning("exhibit sound not played: " + decoded.error);
            if (it->narration) narration_pending_ = false;
        }
        it = pending_.erase(it);
    }
}

bool ExhibitAudio::sound(const FileSource& files, const std::string& file, float volume,
                         std::string& error) {
    double seconds = 0;
    return play(files, file, false, volume, seconds, error);
}

bool ExhibitAudio::narrate(const FileSource& files, const std::string& file,
                           std::vector<Caption> captions, std::string& error) {
    double seconds = 0;
    if (!play(files, file, true, 1, seconds, error)) return false;
    narration_s_ = 0;
    narration_end_s_ = seconds;
    for (const Caption& caption : captions)
        narration_end_s_ = std::max(narration_end_s_, caption.to_s);
    captions_ = std::move(captions);
    return true;
}

bool ExhibitAudio::narrating() const {
    return !captions_.empty() && narration_s_ < narration_end_s_;
}

void ExhibitAudio::reset() {
    output_.mixer().stop_all();
    pending_.clear(); // each waits for its decoding to finish
    narration_pending_ = false;
    captions_.clear();
    cache_.clear();
    cache_order_.clear();
    cache_bytes_ = 0;
    narration_s_ = narration_end_s_ = 0;
}

void ExhibitAudio::update(double dt, bool sound_on, int local_minute) {
    pick_up_decoded();
    audible_ = sound_on && output_.has_device() && config_.volume > 0 &&
               !in_quiet_hours(config_, local_minute);
    output_.advance(dt, audible_, float(config_.volume));
    if (narrating() && !narration_pending_) narration_s_ += dt;
    if (!narrating()) captions_.clear();
}

const Caption* ExhibitAudio::caption_to_show() const {
    if (audible_ && config_.captions != CaptionsMode::Always) return nullptr;
    for (const Caption& caption : captions_)
        if (narration_s_ >= caption.from_s && narration_s_ < caption.to_s) return &caption;
    return nullptr;
}

} // namespace kiosk
