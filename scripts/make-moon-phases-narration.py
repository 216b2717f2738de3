#!/usr/bin/env python3
# Makes the moon phases sample's narration: exhibits/moon-phases/sounds/
# narration-zh.ogg and narration-en.ogg, spoken by espeak-ng (Debian package
# espeak-ng) and encoded by oggenc (vorbis-tools), one sentence at a time with
# 0.4 s of quiet between them, and prints each sentence's start and end in
# seconds: the captions in main.lua use these times. A synthetic voice, so a
# venue can re-record the same sentences with a person and keep the captions'
# text (only the times change). Run from the repository root.
import os, subprocess, sys, tempfile, wave

SENTENCES = {
    "zh": [
        "月亮自己不发光，我们看到的月光，是它反射的太阳光。",
        "太阳总是照亮月球朝着它的那一半。",
        "月球绕着地球转，我们看到的亮面时多时少，这就是月相。",
        "从一次新月到下一次新月，大约二十九天半。",
        "月相不是地球的影子造成的。地球的影子落到月亮上，那是月食。",
    ],
    "en": [
        "The Moon makes no light of its own. Moonlight is sunlight that it reflects.",
        "The Sun always lights the half of the Moon that faces it.",
        "As the Moon goes around the Earth, we see more or less of that lit half. These are the phases.",
        "From one new moon to the next takes about twenty nine and a half days.",
        "The phases are not the Earth's shadow. When the Earth's shadow falls on the Moon, that is a lunar eclipse.",
    ],
}
VOICES = {"zh": "cmn", "en": "en-us"}
SPEEDS = {"zh": "175", "en": "150"}  # words a minute: espeak-ng's Mandarin is slow
GAP_S = 0.4


def main():
    out_dir = "exhibits/moon-phases/sounds"
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for lang, sentences in SENTENCES.items():
            frames, rate, times = b"", None, []
            for i, text in enumerate(sentences):
                path = os.path.join(tmp, f"{lang}-{i}.wav")
                subprocess.run(["espeak-ng", "-v", VOICES[lang], "-s", SPEEDS[lang], "-w", path, text],
                               check=True)
                with wave.open(path) as part:
                    rate = part.getframerate()
                    start = len(frames) / 2 / rate
                    frames += part.readframes(part.getnframes())
                    times.append((round(start, 1), round(len(frames) / 2 / rate, 1)))
                    frames += b"\0\0" * int(GAP_S * rate)
            joined = os.path.join(tmp, f"{lang}.wav")
            with wave.open(joined, "wb") as whole:
                whole.setnchannels(1)
                whole.setsampwidth(2)
                whole.setframerate(rate)
                whole.writeframes(frames)
            target = os.path.join(out_dir, f"narration-{lang}.ogg")
            subprocess.run(["oggenc", "-Q", "-q", "1", "-o", target, joined], check=True)
            print(lang, times)


if __name__ == "__main__":
    sys.exit(main())
