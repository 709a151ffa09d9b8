#!/usr/bin/env bash
# make-voice-clips.sh: regenerates the audio captcha's voice clips.
#
# Speaks every character of the captcha alphabet (src/engine/tg-captcha.c) once in Korean and once
# in English with espeak-ng, trims the silence around it with sox, normalises it, and encodes it as a
# small mono Ogg Vorbis clip:
#
#   data/voice/ko/<CHAR>.ogg    Korean reading: letters as 에이, 씨, 이…, digits as 삼, 사, 육…
#   data/voice/en/<CHAR>.ogg    English letter name or number
#
# The clips are committed, so neither users nor Flatpak builds need espeak-ng; run this again only
# when the alphabet or the wording changes, then commit the result.
#
# Needs: espeak-ng (with its Korean voice), sox, oggenc (vorbis-tools).
# Usage: data/voice/make-voice-clips.sh [OUTPUT_DIR]    (default: the directory of this script)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here}"

# Must match the alphabet in src/engine/tg-captcha.c; tests/test-captcha-audio.c checks that every
# character of it has a clip in both languages.
alphabet="34679ACEFHJKMNPRTWXY"

# Korean readings of the Latin letters and Sino-Korean numbers (the way 보안문자 are read aloud).
declare -A ko=(
  [3]=삼 [4]=사 [6]=육 [7]=칠 [9]=구
  [A]=에이 [C]=씨 [E]=이 [F]=에프 [H]=에이치 [J]=제이 [K]=케이 [M]=엠 [N]=엔
  [P]=피 [R]=알 [T]=티 [W]=더블유 [X]=엑스 [Y]=와이
)
# espeak-ng reads a lone capital as its letter name; numbers are spelt out so they are never read
# as part of something else.
declare -A en=(
  [3]=three [4]=four [6]=six [7]=seven [9]=nine
)

# 16 kHz is plenty for one spoken syllable and keeps every clip at a few kilobytes.
rate=16000

for tool in espeak-ng sox oggenc; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing" >&2; exit 1; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

speak () {   # speak VOICE TEXT OUTPUT.ogg
  local voice="$1" text="$2" output="$3"

  espeak-ng -v "$voice" -s 140 -w "$tmp/raw.wav" -- "$text"
  # Trim leading silence, then trailing silence (by trimming the reversed signal), normalise to
  # -1 dBFS and leave a few milliseconds of air so the onset is not clipped. -R seeds sox's dither
  # the same way on every run.
  sox -R "$tmp/raw.wav" -r "$rate" -c 1 -b 16 "$tmp/trim.wav" \
    silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse \
    norm -1 pad 0.02 0.04
  # A fixed serial number keeps the output byte-identical from run to run.
  oggenc --quiet --serial 1 -q 0 -o "$output" "$tmp/trim.wav"
}

mkdir -p "$out/ko" "$out/en"
for (( i = 0; i < ${#alphabet}; i++ )); do
  c="${alphabet:i:1}"
  speak ko "${ko[$c]}" "$out/ko/$c.ogg"
  speak en-us "${en[$c]:-$c}" "$out/en/$c.ogg"
done

echo "Wrote $(( 2 * ${#alphabet} )) clips to $out/ko and $out/en"
