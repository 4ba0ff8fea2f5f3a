// probe.js - runs inside a rendered EPUB content document and checks it with the engine's own layout boxes.
// Defines __folioProbe(opts), which returns a JSON string {problems: [{what, where}], stats}.
// opts.fontClass maps lower-cased installed font families to "mono", "sans", "serif" or "other";
// opts.popup hides footnotes as pop-up readers do (Foliate, Apple Books) and checks only what that leaves.
/* eslint-disable no-var */
var __folioProbe = function (opts) {
	"use strict";
	var problems = [];
	var seen = {};
	var stats = { clusters: 0, elements: 0, fontChars: 0, ms: {} };
	var t0 = performance.now();
	function lap(name) { var t = performance.now(); stats.ms[name] = Math.round(t - t0); t0 = t; }
	var W = document.documentElement.clientWidth, H = document.documentElement.clientHeight;
	// A vertical page (writing-mode: vertical-rl): lines are columns, read top to bottom, right to left.
	// The harness has widened the viewport to the whole page first, so that every column is on screen.
	var V = /^vertical/.test(getComputedStyle(document.documentElement).writingMode);
	// A box along the line (inline: left-right, or top-bottom when vertical) and across the lines (block).
	function inl(b) { return V ? { s: b.top, e: b.bottom } : { s: b.left, e: b.right }; }
	function blk(b) { return V ? { s: b.left, e: b.right } : { s: b.top, e: b.bottom }; }
	var LINE = V ? H : W;	// the length of a line
	// A vertical page grows leftwards: its columns lie from X0 (left of the screen) to the screen's right edge.
	var X0 = V ? W - document.documentElement.scrollWidth : 0;

	function report(what, where) {
		var key = what + "|" + where;
		if (seen[key]) return;
		seen[key] = 1;
		problems.push({ what: what, where: where });
	}

	// "p.meta "2025年2月13日…"": the element and the start of its text, to find it in the XHTML.
	function describe(el) {
		var name = el.localName;
		if (el.id) name += "#" + el.id;
		if (el.classList && el.classList.length) name += "." + Array.prototype.join.call(el.classList, ".");
		var text = (el.textContent || "").replace(/\s+/g, " ").trim();
		if (text.length > 24) text = text.slice(0, 24) + "…";
		return name + ' "' + text + '"';
	}

	function visibleRects(node) {
		var r = document.createRange();
		r.selectNodeContents(node);
		return Array.prototype.filter.call(r.getClientRects(), function (b) { return b.width > 0 && b.height > 0; });
	}

	function textNodes(root) {
		var out = [];
		var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (var n = walker.nextNode(); n; n = walker.nextNode()) {
			var p = n.parentElement;
			if (!p || /^(script|style|title)$/.test(p.localName)) continue;
			if (/\S/.test(n.data)) out.push(n);
		}
		return out;
	}

	if (opts.popup) {
		// The rule Foliate's reader applies (Apple Books documents the same): notes only as pop-ups.
		var st = document.createElementNS("http://www.w3.org/1999/xhtml", "style");
		st.textContent = '@namespace epub "http://www.idpf.org/2007/ops";\n' +
			'aside[epub|type~="endnote"], aside[epub|type~="footnote"], aside[epub|type~="note"],' +
			' aside[epub|type~="rearnote"] { display: none; }';
		document.documentElement.appendChild(st);
		void document.body.offsetHeight;
	}

	var nodes = textNodes(document.body);

	// ---- glyph clusters: overlap and the page's edges --------------------------------------------
	var seg = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("und", { granularity: "grapheme" }) : null;
	var clusters = [];
	var range = document.createRange();
	nodes.forEach(function (n) {
		var parts = seg ? Array.from(seg.segment(n.data), function (s) { return [s.index, s.segment]; })
			: Array.from(n.data, function (ch, i) { return [i, ch]; });
		if (!seg) { // code units: rebuild indices for astral characters
			var at = 0;
			parts = Array.from(n.data).map(function (ch) { var p = [at, ch]; at += ch.length; return p; });
		}
		parts.forEach(function (p) {
			if (/^\s+$/.test(p[1])) return;
			range.setStart(n, p[0]);
			range.setEnd(n, p[0] + p[1].length);
			var rs = range.getClientRects();
			for (var i = 0; i < rs.length; i++) {
				var b = rs[i];
				if (b.width <= 0 || b.height <= 0) continue;
				clusters.push({ l: b.left, r: b.right, t: b.top, b: b.bottom, box: b, ch: p[1], el: n.parentElement,
					node: n, at: p[0], len: p[1].length });
			}
		});
	});
	stats.clusters = clusters.length;
	lap("clusters");

	if (!opts.popup) {
		clusters.forEach(function (c) {
			// A full-width comma or stop hung past the line's end (hanging-punctuation: allow-end), or a closing
			// bracket or quote hung past the end of a paragraph's last line ("last"), has its ink in its first half.
			var i = inl(c.box), end = /^[，。、．,.」』）】》〉”’]$/.test(c.ch) ? (i.s + i.e) / 2 : i.e;
			if (end > LINE + 1 || i.s < -1)
				report("text leaves the page (" + (V ? "y " : "x ") + Math.round(i.s) + "–" + Math.round(i.e) + " of " + LINE + ")", describe(c.el));
			else if (V && (c.l < X0 - 1 || c.r > W + 1))
				report("text leaves the page (x " + Math.round(c.l) + "–" + Math.round(c.r) + " of " + X0 + "–" + W + ")", describe(c.el));
		});
		// Two clusters overlap when they share a good part of the line's thickness and more than a sliver along it.
		var byBlock = clusters.slice().sort(function (a, b) { return blk(a.box).s - blk(b.box).s; });
		var active = [];
		byBlock.forEach(function (c) {
			var cb = blk(c.box), ci = inl(c.box);
			active = active.filter(function (a) { return blk(a.box).e > cb.s + 0.5; });
			active.forEach(function (a) {
				var ab = blk(a.box), ai = inl(a.box);
				var ix = Math.min(ai.e, ci.e) - Math.max(ai.s, ci.s);
				var iy = Math.min(ab.e, cb.e) - Math.max(ab.s, cb.s);
				var w = Math.min(ai.e - ai.s, ci.e - ci.s), h = Math.min(ab.e - ab.s, cb.e - cb.s);
				if (ix > Math.max(1, 0.15 * w) && iy > 0.5 * h) {
					var first = ai.s <= ci.s ? a : c, second = first === a ? c : a;
					report('text overlaps: "' + first.ch + '" and "' + second.ch + '" share ' + ix.toFixed(1) + " px at " +
						(V ? "x " + Math.round(c.l) : "y " + Math.round(c.t)),
						describe(first.el) + (first.el !== second.el ? " / " + describe(second.el) : ""));
				}
			});
			active.push(c);
		});
		// Boxes that are not text: pictures, tables, code blocks, rules.
		Array.prototype.forEach.call(document.body.querySelectorAll("img, svg, table, pre, figure, hr, video, math"), function (el) {
			var b = el.getBoundingClientRect();
			if (b.width > 0 && (b.right > W + 1 || b.left < X0 - 1))
				report("box leaves the page (x " + Math.round(b.left) + "–" + Math.round(b.right) + " of " + X0 + "–" + W + ")", describe(el));
			else if (V && b.height > 0 && (b.bottom > H + 1 || b.top < -1))
				report("box leaves the page (y " + Math.round(b.top) + "–" + Math.round(b.bottom) + " of " + H + ")", describe(el));
		});
	}

	lap("overlap");
	// ---- ink: every cluster painted in one of three colours (a highlight, which moves nothing), so that a
	// picture of the page shows whose ink lands in whose box; the harness compares them (ink.py).
	var ink = null;
	if (opts.ink && !opts.popup && typeof Highlight === "function" && window.CSS && CSS.highlights) {
		var hl = [new Highlight(), new Highlight(), new Highlight()], els = [], elIndex = new Map();
		ink = { els: els, c: [], vertical: V, dx: -X0 };	// dx: where the screen's x = 0 is in the picture
		window.__folioInkRanges = [];
		clusters.forEach(function (c, i) {
			var r = document.createRange();
			r.setStart(c.node, c.at);
			r.setEnd(c.node, c.at + c.len);
			hl[i % 3].add(r);
			__folioInkRanges.push([r, i % 3, c.t, c.b]);
			if (!elIndex.has(c.el)) { elIndex.set(c.el, els.length); els.push(describe(c.el)); }
			// On a vertical page a Simplified Chinese or Japanese stop or comma takes its vertical form, set in
			// the upper right of its square (Traditional Chinese centres them either way): ink.py looks
			// (given the font size: a mark squeezed to half its square by text-spacing-trim is not judged).
			var upright = V && /^[，。、．]$/.test(c.ch) && !/^zh-(hant|tw|hk|mo)/i.test((c.el.closest("[lang]") || {}).lang || "");
			ink.c.push([c.l, c.t, c.r, c.b, i % 3, elIndex.get(c.el), c.ch, upright ? parseFloat(getComputedStyle(c.el).fontSize) : 0]);
		});
		hl.forEach(function (h, k) { CSS.highlights.set("folio-ink" + k, h); });
		var inkStyle = document.createElementNS("http://www.w3.org/1999/xhtml", "style");
		inkStyle.id = "folio-ink";
		inkStyle.textContent = "::highlight(folio-ink0) { color: #ff0000; } ::highlight(folio-ink1) { color: #00b000; }" +
			" ::highlight(folio-ink2) { color: #0000ff; }";
		document.documentElement.appendChild(inkStyle);
	}

	lap("ink");
	// ---- notes: every reference leads to visible text; no heading or rule stands alone --------------
	var EPUB_NS = "http://www.idpf.org/2007/ops";
	function epubType(el) { return (el.getAttributeNS(EPUB_NS, "type") || "").split(/\s+/); }
	Array.prototype.forEach.call(document.body.querySelectorAll("a[href^='#']"), function (a) {
		var isRef = epubType(a).indexOf("noteref") >= 0 || a.getAttribute("role") === "doc-noteref";
		if (!isRef) return;
		var id = decodeURIComponent(a.getAttribute("href").slice(1));
		var target = document.getElementById(id);
		if (!target) { report("note reference " + a.textContent + " points to a missing #" + id, describe(a.parentElement)); return; }
		if (!/\S/.test(target.textContent)) report("note reference " + a.textContent + " leads to an empty note", describe(target));
		else if (!opts.popup && visibleRects(target).length === 0)
			report("note reference " + a.textContent + " leads to hidden text", describe(target));
	});
	function hasVisibleText(el) {
		return textNodes(el).some(function (n) { return visibleRects(n).length > 0; }) ||
			Array.prototype.some.call(el.querySelectorAll("img, svg, video"), function (m) { return m.getClientRects().length > 0; });
	}
	Array.prototype.forEach.call(document.body.querySelectorAll("h1, h2, h3, h4, h5, h6"), function (h) {
		if (!hasVisibleText(h)) return;
		var rest = Array.prototype.filter.call(h.parentElement.children, function (e) { return e !== h; });
		if (rest.length && !rest.some(hasVisibleText))
			report("heading stands alone: everything after it in its section is hidden", describe(h));
	});
	Array.prototype.forEach.call(document.body.querySelectorAll("*"), function (el) {
		var cs = getComputedStyle(el);
		var border = ["Top", "Bottom", "Left", "Right"].some(function (s) {
			return parseFloat(cs["border" + s + "Width"]) > 0 && cs["border" + s + "Style"] !== "none";
		});
		if (!border || !el.children.length || el.getClientRects().length === 0 || /^(hr|img|td|th|table|tr)$/.test(el.localName)) return;
		if (!hasVisibleText(el) && el.querySelector("*") && textNodes(el).length)
			report("a rule or box is drawn around content that is hidden", describe(el));
	});

	lap("notes");
	// ---- titles that must be centred -------------------------------------------------------------
	if (!opts.popup) Array.prototype.forEach.call(document.body.querySelectorAll(".part-title, .book-title, .title-page p"), function (el) {
		// Along the line: left and right, or top and bottom on a vertical page.
		var box = el.getBoundingClientRect(), cs = getComputedStyle(el);
		var left = V ? box.top + parseFloat(cs.paddingTop) : box.left + parseFloat(cs.paddingLeft);
		var right = V ? box.bottom - parseFloat(cs.paddingBottom) : box.right - parseFloat(cs.paddingRight);
		var lines = visibleRects(el);
		var l = Math.min.apply(null, lines.map(function (b) { return inl(b).s; }));
		var r = Math.max.apply(null, lines.map(function (b) { return inl(b).e; }));
		if (lines.length && Math.abs((l - left) - (right - r)) > 4)
			report("not centred: " + Math.round(l - left) + " px " + (V ? "above, " : "on the left, ") + Math.round(right - r) +
				" px " + (V ? "below" : "on the right"), describe(el));
	});

	// ---- lines as far apart as the line height says (emphasis marks, raised notes and odd fonts push them apart)
	if (!opts.popup) Array.prototype.forEach.call(document.body.querySelectorAll("p, li, dd, blockquote, figcaption"), function (blk) {
		var bcs = getComputedStyle(blk), size = bcs.fontSize, want = parseFloat(bcs.lineHeight);
		if (isNaN(want)) return; // line-height: normal has no one right answer
		var tops = [];
		textNodes(blk).forEach(function (n) {
			var p = n.parentElement;
			if (p.closest("sup, sub") || getComputedStyle(p).fontSize !== size) return;
			if (p !== blk && p.closest("p, li, dd, blockquote, figcaption") !== blk) return;
			// A line's place across the lines: its top, or on a vertical page its right edge (columns go leftwards).
			// An upright number (text-combine-upright) is centred in its column, not aligned with it: left out.
			if (V && p.closest(".tcy")) return;
			visibleRects(n).forEach(function (b) { tops.push(V ? -b.right : b.top); });
		});
		tops.sort(function (a, b) { return a - b; });
		var lines = [];
		tops.forEach(function (t) { if (!lines.length || t - lines[lines.length - 1] > 2) lines.push(t); });
		var odd = [];
		for (var i = 1; i < lines.length; i++) {
			var gap = lines[i] - lines[i - 1];
			if (Math.abs(gap - want) > 1.5) odd.push(gap.toFixed(1));
		}
		if (odd.length) report("lines " + odd.join(", ") + " px apart where the line height is " + want.toFixed(1) + " px", describe(blk));
	});

	lap("lines");
	// ---- fonts: which face the engine draws each character with, and whether it is the kind wanted ----
	if (!opts.popup && opts.fontClass) {
		var canvas = document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
		canvas.width = 64; canvas.height = 64;
		var ctx = canvas.getContext("2d", { willReadFrequently: true });
		var cache = {};
		var draw = function (font, ch) {
			var key = font + "\u0000" + ch;
			if (key in cache) return cache[key];
			ctx.clearRect(0, 0, 64, 64);
			ctx.font = font;
			ctx.textBaseline = "alphabetic";
			ctx.fillText(ch, 4, 46);
			var d = ctx.getImageData(0, 0, 64, 64).data, h = 0;
			for (var i = 3; i < d.length; i += 4) h = (h * 31 + d[i] * (1 + (i >> 2) % 61)) | 0;
			cache[key] = h;
			return h;
		};
		var GENERIC = { serif: "serif", "sans-serif": "sans", monospace: "mono", cursive: "other", fantasy: "other", "system-ui": "other" };
		var families = function (list) {
			return list.split(",").map(function (f) { return f.trim().replace(/^["']|["']$/g, ""); }).filter(Boolean);
		};
		var quote = function (f) { return GENERIC[f] ? f : '"' + f.replace(/"/g, "") + '"'; };
		// The face used for ch: the first family of the list that draws it exactly as the element does and
		// holds the glyph itself (with Unifont after it, a family lacking the glyph draws differently).
		var faceOf = function (cs, ch) {
			var base = cs.fontStyle + " " + cs.fontWeight + " 40px ";
			var want = draw(base + cs.fontFamily, ch);
			var list = families(cs.fontFamily);
			for (var i = 0; i < list.length; i++) {
				var f = list[i];
				if (!GENERIC[f] && !(f.toLowerCase() in opts.fontClass)) continue;
				if (draw(base + quote(f), ch) !== want) continue;
				if (!GENERIC[f] && f !== "Unifont" && draw(base + quote(f) + ', "Unifont"', ch) !== want) continue;
				return f;
			}
			return null;
		};
		var role = function (el) {
			if (el.closest("code, kbd, samp, pre, tt")) return "mono";
			if (el.closest("h1, h2, h3, h4, h5, h6, .subhead, .meta, .tags, figcaption, th, nav, .footnotes, .title-page, .placeholder")) return "sans";
			return "serif";
		};
		var NAMES = { mono: "a monospace font", sans: "a sans-serif font", serif: "a serif font" };
		var perEl = new Map();
		nodes.forEach(function (n) {
			if (!visibleRects(n).length) return;
			var el = n.parentElement, chars = perEl.get(el) || "";
			// A few characters of each kind: Han, Latin letters, digits.
			var picks = (n.data.match(/\p{Script=Han}/gu) || []).slice(0, 2)
				.concat((n.data.match(/\p{Script=Latin}/gu) || []).slice(0, 3), (n.data.match(/\p{Nd}/gu) || []).slice(0, 1));
			perEl.set(el, chars + picks.join(""));
		});
		perEl.forEach(function (chars, el) {
			stats.elements++;
			var cs = getComputedStyle(el), want = role(el);
			var done = {}, wrong = {}, unnamed = "";
			Array.from(chars).forEach(function (ch) {
				if (done[ch]) return;
				done[ch] = 1;
				stats.fontChars++;
				var face = faceOf(cs, ch);
				if (!face) { unnamed += ch; return; }
				var cls = GENERIC[face] || opts.fontClass[face.toLowerCase()];
				if (cls !== "other" && cls !== want) wrong[face + " (" + cls + ")"] = (wrong[face + " (" + cls + ")"] || "") + ch;
			});
			if (unnamed)
				report('"' + unnamed + '" drawn with a font the stylesheet does not name (' + cs.fontFamily.slice(0, 60) + ")", describe(el));
			Object.keys(wrong).forEach(function (face) {
				report("set in " + face + ", wants " + NAMES[want] + ' ("' + wrong[face] + '")', describe(el));
			});
		});
	}
	lap("fonts");
	if (opts.popup) st.remove();
	return JSON.stringify({ problems: problems, stats: stats, width: W, ink: ink });
};

// Colours only the clusters between y0 and y1 (page pixels): WebKit's time to paint a screen grows with the
// number of highlighted ranges on the whole page, so a very tall page is pictured a band at a time.
var __folioInkBand = function (y0, y1) {
	var hl = [new Highlight(), new Highlight(), new Highlight()];
	(window.__folioInkRanges || []).forEach(function (e) {
		if (e[3] >= y0 && e[2] <= y1) hl[e[1]].add(e[0]);
	});
	hl.forEach(function (h, k) { CSS.highlights.set("folio-ink" + k, h); });
	return "";
};

// Takes the ink colours away again.
var __folioInkClear = function () {
	for (var k = 0; k < 3; k++) CSS.highlights.delete("folio-ink" + k);
	window.__folioInkRanges = [];
	var s = document.getElementById("folio-ink");
	if (s) s.remove();
	return "";
};
