"""Draw static/favicon.ico from the same shapes as static/img/favicon.svg (a white "Ü" on the
service's green): `.venv/bin/python tools/favicon.py`. Pillow comes with the PDF libraries."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
GREEN, WHITE = (11, 93, 75, 255), (255, 255, 255, 255)
SCALE = 16  # drawn on a 512-pixel canvas in the SVG's 32-unit grid, then scaled down


def draw() -> Image.Image:
    image = Image.new("RGBA", (32 * SCALE, 32 * SCALE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(cx: float, cy: float, r: float) -> list[float]:
        return [(cx - r) * SCALE, (cy - r) * SCALE, (cx + r) * SCALE, (cy + r) * SCALE]

    pen.rounded_rectangle([0, 0, 32 * SCALE - 1, 32 * SCALE - 1], radius=6 * SCALE, fill=GREEN)
    for x in (10, 22):  # the strokes of the U, 4 units wide, with round ends
        pen.rectangle([(x - 2) * SCALE, 11 * SCALE, (x + 2) * SCALE, 18.5 * SCALE], fill=WHITE)
        pen.ellipse(box(x, 11, 2), fill=WHITE)
    pen.arc(box(16, 18.5, 8), start=0, end=180, fill=WHITE, width=4 * SCALE)
    for x in (11, 21):  # the two dots
        pen.ellipse(box(x, 5.5, 2.2), fill=WHITE)
    return image


if __name__ == "__main__":
    target = ROOT / "static" / "favicon.ico"
    draw().save(target, sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")
