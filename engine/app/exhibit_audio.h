// The open exhibit's sound, as the app gives it to the exhibit host (the
// ExhibitAudioSink of engine/script). kiosk.sound and kiosk.narrate read the
// file and check its header inside the exhibit's callback (a bad file is the
// exhibit's error there); decoding, which takes a tenth of a second per minute
// of sound, runs on another thread so the callback keeps to its time budget,
// and the sound starts when it is ready (headless runs without --paced wait
// for it, so they repeat exactly). Decoded clips are kept per exhibit (at
// most kCacheBytes; the oldest are forgotten first, a playing one stays alive
// while it plays). The narration's captions run on the sound's clock.
//
// Sound is heard unless the visitor turned it off (VisitorPreferences), the
// kiosk is in the venue's quiet hours, there is no audio device, or the volume
// is 0: then nothing is played and the captions show instead. With the venue's
// captions = "always" they show in any case. reset() stops everything: the
// exhibit screen calls it whenever an exhibit starts, fails or ends (the
// visitor leaves, the kiosk goes idle, a notice takes the screen over).
#pragma once

#include "audio/audio_output.h"
#include "core/sound_config.h"
#include "script/exhibit_audio_sink.h"

#include <cstddef>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {

class ExhibitAudio : public ExhibitAudioSink {
public:
    static constexpr size_t kCacheBytes = size_t(64) << 20;

    // `wait_for_decoding`: headless runs faster than real time.
    ExhibitAudio(AudioOutput& output, const SoundConfig& config, bool wait_for_decoding)
        : output_(output), config_(config), wait_for_decoding_(wait_for_decoding) {}
    ~ExhibitAudio() { reset(); }

    bool sound(const FileSource& files, const std::string& file, float volume,
               std::string& error) override;
    bool narrate(const FileSource& files, const std::string& file, std::vector<Caption> captions,
                 std::string& error) override;
    bool narrating() const override;

    void reset();
    // Moves the sound and the captions on by `dt` seconds of frame time.
    // `local_minute`: minutes after local midnight now (for quiet hours).
    void update(double dt, bool sound_on, int local_minute);
    // Whether sound is heard now (as of the last update).
    bool audible() const { return audible_; }
    // The caption line to draw now, or nullptr (none due, or sound is heard and
    // the venue shows captions only when silent).
    const Caption* caption_to_show() const;

private:
    struct Decoded {
        std::shared_ptr<const AudioClip> clip;
        std::string error;
    };
    // A clip being decoded, and what to do with it.
    struct Pending {
        std::string file;
        std::future<Decoded> decoded;
        bool narration = false;
        float volume = 1;
    };
    // Reads and checks `file`, then plays it from the cache or once decoded.
    bool play(const FileSource& files, const std::string& file, bool narration, float volume,
              double& seconds, std::string& error);
    void start(const std::shared_ptr<const AudioClip>& clip, bool narration, float volume);
    void keep(const std::string& file, const std::shared_ptr<const AudioClip>& clip);
    void pick_up_decoded();

    AudioOutput& output_;
    const SoundConfig& config_;
    bool wait_for_decoding_;
    std::vector<Pending> pending_;
    bool narration_pending_ = false; // its clock starts with its sound
    std::map<std::string, std::shared_ptr<const AudioClip>> cache_;
    std::deque<std::string> cache_order_; // oldest first
    size_t cache_bytes_ = 0;
    std::vector<Caption> captions_;
    double narration_s_ = 0;     // since the narration started
    double narration_end_s_ = 0; // its sound or its last caption, whichever ends later
    bool audible_ = true;
};

} // namespace kiosk
