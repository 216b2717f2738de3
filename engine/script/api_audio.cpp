// The sound part of the curator API: kiosk.sound(file [, opts]),
// kiosk.narrate(file, captions) and kiosk.narrating(). The bindings check
// their arguments (a sound file's name, the captions' times and texts) and hand
// the rest to the host's ExhibitAudioSink, which decodes and plays; a file that
// cannot be decoded becomes the exhibit's error, naming the file.
#include "api_internal.h"

#include "core/utf8_text.h"

#include <cmath>

namespace kiosk {
namespace {

constexpr lua_Integer kMaxCaptions = 500;
constexpr size_t kMaxCaptionBytes = 600;

// Raises unless `arg` names an .ogg or .wav file inside the exhibit folder.
const char* check_sound_file(lua_State* L, int arg, const char* function) {
    const char* file = luaL_checkstring(L, arg);
    std::string_view name(file, lua_rawlen(L, arg));
    if (const char* problem = asset_path_problem(name))
        luaL_error(L, "%s: sound \"%s\": the file name %s", function, file, problem);
    const size_t dot = name.find_last_of('.');
    std::string_view extension = dot == std::string_view::npos ? "" : name.substr(dot + 1);
    if (extension != "ogg" && extension != "wav" && extension != "OGG" && extension != "WAV")
        luaL_error(L, "%s: sound \"%s\": must be an .ogg (OGG Vorbis) or .wav file", function,
                   file);
    return file;
}

int l_sound(lua_State* L) {
    const char* file = check_sound_file(L, 1, "kiosk.sound");
    float volume = 1;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        volume = opt_field(L, 2, "volume", 1, 0, 1, "kiosk.sound");
    }
    ExhibitApi& api = api_of(L);
    if (!api.audio) return 0;
    bool played = false;
    {
        Sandbox::HostScope scope(*api.sandbox);
        played = api.audio->sound(*api.files, file, volume, api.text);
    }
    if (!played) return luaL_error(L, "kiosk.sound: %s", api.text.c_str());
    return 0;
}

// Reads captions[index].key as a number (raises when it is not one, or not finite).
double caption_time(lua_State* L, int list, lua_Integer index, const char* key) {
    read_field(L, list, key, HostStep{"caption", key, "kiosk.narrate"});
    int is_number = 0;
    const double value = lua_tonumberx(L, -1, &is_number);
    lua_pop(L, 1);
    if (!is_number || !std::isfinite(value) || value < 0 || value > 3600)
        luaL_error(L, "kiosk.narrate: captions[%d].%s must be a number of seconds from 0 to 3600",
                   int(index), key);
    return value;
}

// Reads captions[index].key as caption text into `out` ("" when absent and
// not `required`).
void caption_text(lua_State* L, int item, lua_Integer index, const char* key, bool required,
                  std::string& out) {
    const int type = read_field(L, item, key, HostStep{"caption", key, "kiosk.narrate"});
    if (type == LUA_TNIL && !required) {
        lua_pop(L, 1);
        out.clear();
        return;
    }
    size_t length = 0;
    const char* text = type == LUA_TSTRING ? lua_tolstring(L, -1, &length) : nullptr;
    if (!text || length == 0 || length > kMaxCaptionBytes)
        luaL_error(L, "kiosk.narrate: captions[%d].%s must be text of 1 to %d bytes", int(index),
                   key, int(kMaxCaptionBytes));
    out = make_valid_utf8(std::string_view(text, length));
    lua_pop(L, 1);
}

// kiosk.narrate(file, captions): captions = { { from = s, to = s, zh = "...",
// en = "..." }, ... }, in order, not overlapping.
int l_narrate(lua_State* L) {
    const char* file = check_sound_file(L, 1, "kiosk.narrate");
    if (!lua_istable(L, 2))
        return luaL_error(L, "kiosk.narrate: needs captions, a list of { from = s, to = s, zh = "
                             "\"...\", en = \"...\" }: a visitor who cannot hear must lose "
                             "nothing");
    ExhibitApi& api = api_of(L);
    const auto count = lua_Integer(lua_rawlen(L, 2));
    if (count < 1 || count > kMaxCaptions)
        return luaL_error(L,
                          "kiosk.narrate: needs 1 to %d captions, got %d (a visitor who "
                          "cannot hear must lose nothing)",
                          int(kMaxCaptions), int(count));
    api.captions.clear(); // scratch on the api, never a local: a raise leaks nothing
    api.captions.resize(size_t(count));
    double previous_to = 0;
    for (lua_Integer i = 1; i <= count; ++i) {
        lua_rawgeti(L, 2, i);
        if (!lua_istable(L, -1))
            return luaL_error(L,
                              "kiosk.narrate: captions[%d] must be a table { from = s, to = s, "
                              "zh = \"...\", en = \"...\" }, not a %s",
                              int(i), luaL_typename(L, -1));
        const int item = lua_gettop(L);
        Caption& caption = api.captions[size_t(i - 1)];
        caption.from_s = caption_time(L, item, i, "from");
        caption.to_s = caption_time(L, item, i, "to");
        if (caption.to_s <= caption.from_s)
            return luaL_error(L, "kiosk.narrate: captions[%d].to (%f) must be after its from (%f)",
                              int(i), caption.to_s, caption.from_s);
        if (caption.from_s < previous_to)
            return luaL_error(L,
                              "kiosk.narrate: captions[%d] starts at %f, before captions[%d] "
                              "ends (%f): captions must be in order and not overlap",
                              int(i), caption.from_s, int(i - 1), previous_to);
        previous_to = caption.to_s;
        caption_text(L, item, i, "zh", true, caption.zh);
        caption_text(L, item, i, "en", false, caption.en);
        lua_pop(L, 1);
    }
    if (!api.audio) return 0;
    bool played = false;
    {
        Sandbox::HostScope scope(*api.sandbox);
        played = api.audio->narrate(*api.files, file, std::move(api.captions), api.text);
    }
    if (!played) return luaL_error(L, "kiosk.narrate: %s", api.text.c_str());
    return 0;
}

int l_narrating(lua_State* L) {
    const ExhibitApi& api = api_of(L);
    lua_pushboolean(L, api.audio && api.audio->narrating());
    return 1;
}

} // namespace

void add_audio_api(lua_State* L) {
    const luaL_Reg functions[] = {
        {"sound", l_sound},
        {"narrate", l_narrate},
        {"narrating", l_narrating},
        {nullptr, nullptr},
    };
    luaL_setfuncs(L, functions, 0);
}

} // namespace kiosk
