#!/usr/bin/env python3
# Copied from the project's shared tooling (shared/tools/ans2png.py) so that screenshots/ can be rebuilt from this repository alone.
"""Render `tmux capture-pane -e -p` output (SGR-colored text) to a terminal-looking PNG.
usage: ans2png.py capture.ans out.png [--cols 120] [--size 14]
Needs: Pillow, wcwidth (pip); fonts-dejavu-core (+ fonts-wqy-microhei for CJK) (apt)."""
import re, sys, argparse
from PIL import Image, ImageDraw, ImageFont
from wcwidth import wcwidth

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
FALLBACK = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
BG, FG = (0x1e, 0x1e, 0x1e), (0xd4, 0xd4, 0xd4)
PALETTE = [(0x00,0x00,0x00),(0xcd,0x31,0x31),(0x0d,0xbc,0x79),(0xe5,0xe5,0x10),
           (0x24,0x72,0xc8),(0xbc,0x3f,0xbc),(0x11,0xa8,0xcd),(0xe5,0xe5,0xe5),
           (0x66,0x66,0x66),(0xf1,0x4c,0x4c),(0x23,0xd1,0x8b),(0xf5,0xf5,0x43),
           (0x3b,0x8e,0xea),(0xd6,0x70,0xd6),(0x29,0xb8,0xdb),(0xff,0xff,0xff)]
def xterm256(n):
    if n < 16: return PALETTE[n]
    if n < 232:
        n -= 16; f = lambda v: 0 if v == 0 else 55 + 40 * v
        return (f(n // 36), f(n // 6 % 6), f(n % 6))
    v = 8 + 10 * (n - 232); return (v, v, v)

# light box-drawing chars drawn as lines (seamless, font-independent): (left, right, up, down)
BOX = {"─": (1,1,0,0), "│": (0,0,1,1), "┌": (0,1,0,1), "┐": (1,0,0,1), "└": (0,1,1,0), "┘": (1,0,1,0),
       "├": (0,1,1,1), "┤": (1,0,1,1), "┬": (1,1,0,1), "┴": (1,1,1,0), "┼": (1,1,1,1),
       "╭": (0,1,0,1), "╮": (1,0,0,1), "╰": (0,1,1,0), "╯": (1,0,1,0)}

def draw_special(d, ch, left, top, cw, chh, fg):
    """Box lines and block elements U+2580..U+2588 drawn as shapes. Returns True if handled."""
    if ch in BOX:
        l, r, u, dn = BOX[ch]; mx, my = left + cw // 2, top + chh // 2
        if l: d.line([left, my, mx, my], fill=fg)
        if r: d.line([mx, my, left + cw - 1, my], fill=fg)
        if u: d.line([mx, top, mx, my], fill=fg)
        if dn: d.line([mx, my, mx, top + chh - 1], fill=fg)
        return True
    o = ord(ch)
    if 0x2581 <= o <= 0x2588:                 # lower 1/8 .. full block
        h = round(chh * (o - 0x2580) / 8)
        d.rectangle([left, top + chh - h, left + cw - 1, top + chh - 1], fill=fg); return True
    if o == 0x2580:                           # upper half
        d.rectangle([left, top, left + cw - 1, top + chh // 2 - 1], fill=fg); return True
    return False

SGR = re.compile(r"\x1b\[([0-9;:]*)m|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

def parse(text):
    """-> list of rows; each row a list of (char, fg, bg, bold, dim, underline, width)"""
    rows = []
    for line in text.rstrip("\n").split("\n"):
        st = dict(fg=None, bg=None, bold=False, dim=False, ul=False, rev=False)
        row, pos = [], 0
        for m in list(SGR.finditer(line)) + [None]:
            chunk = line[pos:m.start()] if m else line[pos:]
            for ch in chunk:
                w = wcwidth(ch)
                if w == 0 and row:               # combining char: attach to previous cell
                    row[-1] = (row[-1][0] + ch,) + row[-1][1:]; continue
                fg, bg = st["fg"] or FG, st["bg"] or BG
                if st["rev"]: fg, bg = bg, fg
                row.append((ch, fg, bg, st["bold"], st["dim"], st["ul"], max(w, 1)))
            if m is None: break
            pos = m.end()
            if m.group(1) is None: continue      # non-SGR escape: ignore
            p = [int(x) if x else 0 for x in re.split("[;:]", m.group(1) or "0")]
            i = 0
            while i < len(p):
                c = p[i]
                if c == 0: st.update(fg=None, bg=None, bold=False, dim=False, ul=False, rev=False)
                elif c == 1: st["bold"] = True
                elif c == 2: st["dim"] = True
                elif c == 4: st["ul"] = True
                elif c == 7: st["rev"] = True
                elif c == 22: st["bold"] = st["dim"] = False
                elif c == 24: st["ul"] = False
                elif c == 27: st["rev"] = False
                elif 30 <= c <= 37: st["fg"] = PALETTE[c - 30]
                elif 90 <= c <= 97: st["fg"] = PALETTE[c - 90 + 8]
                elif 40 <= c <= 47: st["bg"] = PALETTE[c - 40]
                elif 100 <= c <= 107: st["bg"] = PALETTE[c - 100 + 8]
                elif c == 39: st["fg"] = None
                elif c == 49: st["bg"] = None
                elif c in (38, 48) and i + 1 < len(p):
                    key = "fg" if c == 38 else "bg"
                    if p[i + 1] == 5 and i + 2 < len(p): st[key] = xterm256(p[i + 2]); i += 2
                    elif p[i + 1] == 2 and i + 4 < len(p): st[key] = tuple(p[i + 2:i + 5]); i += 4
                i += 1
        rows.append(row)
    return rows

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inp"); ap.add_argument("out")
    ap.add_argument("--cols", type=int, default=0); ap.add_argument("--size", type=int, default=15)
    ap.add_argument("--pad", type=int, default=12)
    a = ap.parse_args()
    rows = parse(open(a.inp, encoding="utf-8", errors="replace").read())
    reg, bold = ImageFont.truetype(FONT, a.size), ImageFont.truetype(FONT_B, a.size)
    try: fb = ImageFont.truetype(FALLBACK, a.size)
    except OSError: fb = reg
    asc, desc = reg.getmetrics()
    cw, chh = round(reg.getlength("M")), asc + desc
    def sig(f, ch):
        im = Image.new("L", (3 * cw, 2 * chh)); ImageDraw.Draw(im).text((0, 0), ch, font=f, fill=255)
        return im.tobytes()
    notdef = {False: sig(reg, "\U0010fffd"), True: sig(bold, "\U0010fffd")}
    cache = {}
    def font_for(ch, b):
        f = bold if b else reg
        key = (ch, b)
        if key not in cache:
            cache[key] = f if sig(f, ch) != notdef[b] else fb
        return cache[key]
    cols = max(a.cols, max((sum(c[6] for c in r) for r in rows), default=0))
    W, H = cols * cw + 2 * a.pad, len(rows) * chh + 2 * a.pad
    img = Image.new("RGB", (W, H), BG); d = ImageDraw.Draw(img)
    for y, row in enumerate(rows):
        x, top = 0, a.pad + y * chh
        for ch, fg, bg, b, dim, ul, w in row:
            left = a.pad + x * cw
            if bg != BG: d.rectangle([left, top, left + w * cw - 1, top + chh - 1], fill=bg)
            if dim: fg = tuple((f + g) // 2 for f, g in zip(fg, bg))
            if ch != " " and not draw_special(d, ch, left, top, cw, chh, fg):
                f = font_for(ch, b)
                if f is fb and w == 2:            # centre the CJK glyph in its 2 cells
                    gl = f.getlength(ch); left += max(0, (2 * cw - gl) / 2)
                d.text((left, top), ch, font=f, fill=fg)
            if ul: d.line([left, top + chh - 2, left + w * cw, top + chh - 2], fill=fg)
            x += w
    img.save(a.out, optimize=False)

if __name__ == "__main__":
    main()
