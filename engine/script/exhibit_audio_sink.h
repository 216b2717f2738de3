// What an exhibit's kiosk.sound, kiosk.narrate and kiosk.narrating reach: an
// abstract sink the exhibit host is given (ExhibitHost::set_audio_sink). The
// app implements it with its one audio output (engine/app/exhibit_audio.h), so
// engine/script does not depend on engine/audio. Without a sink (kioskctl,
// script tests) the calls are checked and do nothing.
#pragma once

#include "core/file_source.h"

#include <string>
#include <vector>

namespace kiosk {

// One timed line of a narration's captions, seconds from its start.
struct Caption {
    double from_s = 0;
    double to_s = 0;
    std::string zh;
    std::string en; // "" when the exhibit gave none: zh is shown
};

class ExhibitAudioSink {
public:
    virtual ~ExhibitAudioSink() = default;
    // A short effect from the exhibit's `files`, at `volume` (0..1). False with
    // `error` ("FILE: why") when the file cannot be read or decoded.
    virtual bool sound(const FileSource& files, const std::string& file, float volume,
                       std::string& error) = 0;
    // The narration, replacing one that plays, with its captions (checked by the
    // binding: at least one, in order, zh in each).
    virtual bool narrate(const FileSource& files, const std::string& file,
                         std::vector<Caption> captions, std::string& error) = 0;
    // A narration plays, or its captions still run (sound off).
    virtual bool narrating() const = 0;
};

} // namespace kiosk
