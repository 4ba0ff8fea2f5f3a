# ink.py - finds glyphs painted on top of each other: in a picture of the page where probe.js painted
# glyph clusters in turn red, green and blue, a cluster's box must hold no ink of another colour.
# Layout boxes alone miss this: WebKit's text-autospace moves the glyphs it paints, not their boxes.
import re

from PIL import Image, ImageChops

# Within a box, trim this much off each side (side bearings and antialiasing may touch a neighbour's box).
TRIM_X, TRIM_Y = 0.2, 0.15
# Pairs drawn as one glyph on purpose: Latin ligatures (fi, ffl) and dashes or box lines that join.
LIGATURE_RUN = re.compile(r"f+[fijlt]")
LIGATURE = re.compile(r"^(f[fijlt]|[\u2014\u2015\u2e3a\u2e3b\u2500-\u257f]{2})$")
# A Latin stop or comma under the letter before it: the font kerns T. or P. so (the stop tucks under the
# arm or bowl), and an italic letter leans over it (J.P., "y,"). Designed, not a collision.
KERNED = re.compile(r"^[A-Za-z][.,]$")


def _mask(a, b, c):
    """255 where channel a clearly dominates b and c."""
    return ImageChops.subtract(a, ImageChops.lighter(b, c)).point(lambda v: 255 if v > 80 else 0)


def collisions(png, ink):
    """(what, where) per element whose glyph boxes hold a neighbour's ink."""
    im = Image.open(png).convert("RGB")
    r, g, b = im.split()
    masks = [_mask(r, g, b), _mask(g, r, b), _mask(b, r, g)]
    found = {}  # element -> pairs, in order
    checked = coloured = 0
    clusters = ink["c"]
    # On a vertical page the line runs down: side bearings are above and below, neighbours in the same column.
    vertical = ink.get("vertical", False)
    dx = ink.get("dx", 0)  # a vertical page's picture starts left of the screen
    # Letters inside a Latin ligature (ffi is one glyph, painted in one colour) are not checked.
    text = "".join(c[6] if len(c[6]) == 1 else "\0" for c in clusters)
    exempt = set()
    for m in LIGATURE_RUN.finditer(text):
        exempt.update(range(m.start(), m.end()))
    horizontal_marks = {}  # element -> marks drawn in their horizontal form on a vertical page
    for i, cluster in enumerate(clusters):
        left, top, right, bottom, k, el, ch = cluster[:7]
        left, right = left + dx, right + dx
        # (cluster[7] is its font size; a mark squeezed to half its square, as text-spacing-trim does, is not judged)
        if len(cluster) > 7 and cluster[7] and bottom - top >= 0.8 * cluster[7]:
            # A vertical stop or comma has its ink in the upper right of its square; the horizontal form,
            # drawn upright, in the lower left.
            own = masks[k].crop((int(left), int(top), int(right), int(bottom))).getbbox()
            if own and ((own[0] + own[2]) / 2 < (right - left) / 2 or (own[1] + own[3]) / 2 > (bottom - top) / 2):
                horizontal_marks.setdefault(ink["els"][el], []).append(ch)
        if i in exempt:
            continue
        w, h = right - left, bottom - top
        if vertical:
            ty = max(TRIM_X * h, 1.5)
            box = (int(round(left + TRIM_Y * w)), int(round(top + ty)), int(round(right - TRIM_Y * w)), int(round(bottom - ty)))
        else:
            tx = max(TRIM_X * w, 1.5)  # WebKit rounds boxes out to whole pixels
            box = (int(round(left + tx)), int(round(top + TRIM_Y * h)), int(round(right - tx)), int(round(bottom - TRIM_Y * h)))
        if box[2] - box[0] < 2 or box[3] - box[1] < 2 or box[2] > im.width or box[3] > im.height or box[0] < 0:
            continue
        area = (box[2] - box[0]) * (box[3] - box[1])
        checked += 1
        if masks[k].crop(box).histogram()[255] > 0:
            coloured += 1
        for j in range(3):
            if j == k or masks[j].crop(box).histogram()[255] <= max(4, 0.04 * area):
                continue
            # Whose ink: the neighbour of that colour just before or after it on the same line.
            other = "?"
            for d in (-1, 1, -2, 2):
                o = clusters[i + d] if 0 <= i + d < len(clusters) else None
                if o and o[4] == j and (abs(o[0] + dx - left) < w / 2 if vertical else abs(o[1] - top) < h / 2):
                    other = o[6]
                    pair = o[6] + ch if (o[1] < top if vertical else o[0] + dx < left) else ch + o[6]
                    break
            else:
                pair = ch + "+?"
            if LIGATURE.match(pair) or KERNED.match(pair):
                continue
            where = ink["els"][el]
            found.setdefault(where, [])
            if pair not in found[where]:
                found[where].append(pair)
    # A picture without the colours (the highlight not painted yet) must not pass for a clean page.
    if checked >= 10 and coloured < 0.5 * checked:
        return [("the glyphs' colours are missing from the picture (%d of %d glyphs): ink not checked"
                 % (coloured, checked), "document")]
    return [("punctuation in its horizontal form on a vertical page: %s" % "".join(marks[:8]), where)
            for where, marks in horizontal_marks.items()] + [("glyphs drawn over their neighbours: %s" % ", ".join('"%s"' % p for p in pairs[:8])
             + (" and %d more" % (len(pairs) - 8) if len(pairs) > 8 else ""), where)
            for where, pairs in found.items()]
