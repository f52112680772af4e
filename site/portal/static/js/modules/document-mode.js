// document-mode (a chunk, fetched by the attach chunk when a photo is of a paper document): the
// job is to carry the text, not the table the paper lies on. The page is found and cropped, made
// grey with its background evened out (shadows and the yellow of a lamp go), then encoded small.
(function (S) {
  // About 140 dots per inch on an A4 page: scripts/bench/documents.py measures what OCR still
  // reads at this size and quality against the original photo (docs/performance.md).
  var LONG = 1600, JPEG_Q = 0.5, WEBP_Q = 0.4, FIND = 256, STEP = 25;

  function canvas(w, h) {
    var c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return c;
  }

  function encode(c, type, quality) {
    return new Promise(function (ok) { c.toBlob(ok, type, quality); });
  }

  // Otsu's threshold of a 0..255 histogram: the level that best splits it in two.
  function otsu(hist, total) {
    var sum = 0, sumB = 0, wB = 0, best = 0, level = 128, i;
    for (i = 0; i < 256; i++) sum += i * hist[i];
    for (i = 0; i < 256; i++) {
      wB += hist[i];
      if (!wB || wB === total) continue;
      sumB += i * hist[i];
      var mB = sumB / wB, mF = (sum - sumB) / (total - wB), between = wB * (total - wB) * (mB - mF) * (mB - mF);
      if (between > best) { best = between; level = i; }
    }
    return level;
  }

  // Where the paper is in the photo: {x, y, w, h} to keep and, when the sheet is clearly found on
  // all four sides, its outline (mask) so the table around it is left out; null when it is not
  // found (then nothing is cut). Paper is bright and colourless; a table rarely is both. The
  // largest such region must be big and roughly a quadrilateral (it fills most of its box), and a
  // side is cut only where its outline is a real step (paper, then table): a shadow fading across
  // the page is no step, so a page half in shadow is never cut through its text.
  function findPage(img) {
    var s = FIND / Math.max(img.width, img.height), w = Math.max(1, Math.round(img.width * s)), h = Math.max(1, Math.round(img.height * s));
    var c = canvas(w, h), x = c.getContext('2d');
    x.drawImage(img, 0, 0, w, h);
    var d = x.getImageData(0, 0, w, h).data, n = w * h, score = new Uint8Array(n), hist = new Array(256).fill(0), i;
    for (i = 0; i < n; i++) {
      var r = d[4 * i], g = d[4 * i + 1], b = d[4 * i + 2];
      var v = 0.299 * r + 0.587 * g + 0.114 * b - (Math.max(r, g, b) - Math.min(r, g, b));
      score[i] = v < 0 ? 0 : v;
      hist[score[i]]++;
    }
    var level = otsu(hist, n), label = new Int32Array(n), best = null, stack = [], id = 0;
    for (i = 0; i < n; i++) {
      if (label[i] || score[i] <= level) continue;
      var box = { id: ++id, x0: w, y0: h, x1: 0, y1: 0, area: 0 };
      label[i] = id;
      stack.push(i);
      while (stack.length) {
        var p = stack.pop(), px = p % w, py = (p - px) / w;
        box.area++;
        if (px < box.x0) box.x0 = px;
        if (px > box.x1) box.x1 = px;
        if (py < box.y0) box.y0 = py;
        if (py > box.y1) box.y1 = py;
        if (px > 0 && !label[p - 1] && score[p - 1] > level) { label[p - 1] = id; stack.push(p - 1); }
        if (px < w - 1 && !label[p + 1] && score[p + 1] > level) { label[p + 1] = id; stack.push(p + 1); }
        if (py > 0 && !label[p - w] && score[p - w] > level) { label[p - w] = id; stack.push(p - w); }
        if (py < h - 1 && !label[p + w] && score[p + w] > level) { label[p + w] = id; stack.push(p + w); }
      }
      if (!best || box.area > best.area) best = box;
    }
    if (!best || best.area < 0.15 * n || best.area < 0.6 * (best.x1 - best.x0 + 1) * (best.y1 - best.y0 + 1)) return null;
    function inside(X, Y) { return label[Y * w + X] === best.id; }
    // The mean step across the outline on one side: (along, across) walk the image so that
    // "across" goes from outside the box inwards.
    function step(len, depth, at) {
      var sum = 0, count = 0;
      for (var a = 0; a < len; a++) {
        for (var k = 0; k < depth && !inside.apply(null, at(a, k)); k++);
        if (k < 4 || k >= depth - 4) continue;  // at the frame's edge, or no paper here
        var inner = 0, outer = 0;
        for (var j = 0; j < 4; j++) { inner += score[idx(at(a, k + j))]; outer += score[idx(at(a, k - 1 - j))]; }
        sum += (inner - outer) / 4;
        count++;
      }
      return count > 0.3 * len && sum / count > STEP;
    }
    function idx(xy) { return xy[1] * w + xy[0]; }
    var top = step(w, h, function (a, k) { return [a, k]; }), bottom = step(w, h, function (a, k) { return [a, h - 1 - k]; });
    var left = step(h, w, function (a, k) { return [k, a]; }), right = step(h, w, function (a, k) { return [w - 1 - k, a]; });
    // A margin all round: the paper's own edge stays in the picture.
    var mx = 0.03 * w, my = 0.03 * h;
    var x0 = left ? Math.max(0, best.x0 - mx) : 0, y0 = top ? Math.max(0, best.y0 - my) : 0;
    var x1 = right ? Math.min(w, best.x1 + 1 + mx) : w, y1 = bottom ? Math.min(h, best.y1 + 1 + my) : h;
    var found = { x: x0 / s, y: y0 / s, w: (x1 - x0) / s, h: (y1 - y0) / s };
    if (top && bottom && left && right) {
      // The outline, widened by a cell (a millimetre or two of table stays, never paper).
      var mask = new Uint8Array(n);
      for (var Y = 0; Y < h; Y++) {
        for (var X = 0; X < w; X++) {
          if (!inside(X, Y)) continue;
          for (var dy = -1; dy <= 1; dy++) for (var dx = -1; dx <= 1; dx++) mask[Math.min(h - 1, Math.max(0, Y + dy)) * w + Math.min(w - 1, Math.max(0, X + dx))] = 1;
        }
      }
      // Holes in the outline (a dark photo on an identity card, a stamp) are paper too.
      for (Y = 0; Y < h; Y++) {
        var first = -1, last = -1;
        for (X = 0; X < w; X++) if (mask[Y * w + X]) { if (first < 0) first = X; last = X; }
        for (X = first; X >= 0 && X <= last; X++) mask[Y * w + X] = 1;
      }
      found.paper = function (px, py) { return mask[Math.min(h - 1, (py * s) | 0) * w + Math.min(w - 1, (px * s) | 0)]; };
    }
    return found;
  }

  // Grey, with the paper's own brightness measured block by block (the brightest pixel of each
  // block, widened so a big letter is not taken for background, then smoothed) and divided out:
  // a shadow across the page becomes white paper like the rest, and the text stays black.
  function flatten(ctx, w, h, paper) {
    var img = ctx.getImageData(0, 0, w, h), d = img.data, n = w * h, grey = new Float32Array(n), i, X, Y;
    for (i = 0; i < n; i++) grey[i] = 0.299 * d[4 * i] + 0.587 * d[4 * i + 1] + 0.114 * d[4 * i + 2];
    var B = 32, gw = Math.ceil(w / B), gh = Math.ceil(h / B), peak = new Float32Array(gw * gh);
    for (Y = 0; Y < h; Y++) {
      for (X = 0; X < w; X++) {
        var k = ((Y / B) | 0) * gw + ((X / B) | 0);
        if (grey[Y * w + X] > peak[k]) peak[k] = grey[Y * w + X];
      }
    }
    var wide = spread(peak, gw, gh, Math.max), bg = spread(wide, gw, gh, null), sorted = Array.prototype.slice.call(bg).sort(function (a, b) { return a - b; });
    var floor = 0.35 * sorted[Math.floor(0.95 * (sorted.length - 1))];
    for (Y = 0; Y < h; Y++) {
      var gy = Math.min(gh - 1, Math.max(0, Y / B - 0.5)), y0 = Math.floor(gy), y1 = Math.min(gh - 1, y0 + 1), fy = gy - y0;
      for (X = 0; X < w; X++) {
        var gx = Math.min(gw - 1, Math.max(0, X / B - 0.5)), x0 = Math.floor(gx), x1 = Math.min(gw - 1, x0 + 1), fx = gx - x0;
        var back = (bg[y0 * gw + x0] * (1 - fx) + bg[y0 * gw + x1] * fx) * (1 - fy) + (bg[y1 * gw + x0] * (1 - fx) + bg[y1 * gw + x1] * fx) * fy;
        // Levels: paper (above 88% of its local brightness) is pure white, which costs no bytes;
        // ink (below 45%) is black; the edges of the letters keep their grey steps.
        var v = (grey[Y * w + X] / Math.max(back, floor, 1) - 0.45) / 0.43, o = 4 * (Y * w + X);
        v = v >= 1 || !paper(X, Y) ? 255 : v <= 0 ? 0 : 255 * v;
        d[o] = d[o + 1] = d[o + 2] = v;
      }
    }
    ctx.putImageData(img, 0, 0);
  }

  // A 3x3 neighbourhood of each grid cell: its maximum (fn) or its mean (fn null).
  function spread(a, gw, gh, fn) {
    var out = new Float32Array(a.length);
    for (var y = 0; y < gh; y++) {
      for (var x = 0; x < gw; x++) {
        var acc = fn ? 0 : 0, count = 0;
        for (var dy = -1; dy <= 1; dy++) {
          for (var dx = -1; dx <= 1; dx++) {
            var yy = y + dy, xx = x + dx;
            if (yy < 0 || xx < 0 || yy >= gh || xx >= gw) continue;
            acc = fn ? fn(acc, a[yy * gw + xx]) : acc + a[yy * gw + xx];
            count++;
          }
        }
        out[y * gw + x] = fn ? acc : acc / count;
      }
    }
    return out;
  }

  // The small rotation of the lines of text (degrees, within ±5), from the page made grey: the
  // angle at which the dark pixels fall into the fewest, fullest rows (a projection profile).
  function skew(ctx, w, h) {
    var d = ctx.getImageData(0, 0, w, h).data, dark = [], best = 0, bestScore = -1, a, i;
    for (var y = 0; y < h; y += 2) for (var x = 0; x < w; x += 2) if (d[4 * (y * w + x)] < 128) dark.push(x, y);
    if (dark.length < 200) return 0;
    for (a = -5; a <= 5; a += 0.25) {
      var t = Math.tan(a * Math.PI / 180), rows = {}, score = 0;
      for (i = 0; i < dark.length; i += 2) {
        var r = Math.round((dark[i + 1] - dark[i] * t) / 2);
        rows[r] = (rows[r] || 0) + 1;
      }
      for (var k in rows) score += rows[k] * rows[k];
      if (score > bestScore) { bestScore = score; best = a; }
    }
    return best;
  }

  // Turned by -angle about its centre, on white: the lines of text level again. The paper's own
  // box, upright, is no larger than the box it was found in, so nothing leaves the picture.
  function straighten(c, angle) {
    if (Math.abs(angle) < 0.5) return c;
    var out = canvas(c.width, c.height), x = out.getContext('2d');
    x.fillStyle = '#fff';
    x.fillRect(0, 0, c.width, c.height);
    x.translate(c.width / 2, c.height / 2);
    x.rotate(-angle * Math.PI / 180);
    x.drawImage(c, -c.width / 2, -c.height / 2);
    return out;
  }

  // One photographed page as it will be sent: {jpeg, webp (null where the browser cannot encode
  // it), width, height}. JPEG always, because a PDF of several pages can embed only JPEG.
  function page(blob) {
    return createImageBitmap(blob, { imageOrientation: 'from-image' }).then(function (img) {
      var box = findPage(img) || { x: 0, y: 0, w: img.width, h: img.height };
      var around = box.paper, paper = around ? function (X, Y) { return around(box.x + X / scale, box.y + Y / scale); } : function () { return 1; };
      var scale = Math.min(1, LONG / Math.max(box.w, box.h));
      var w = Math.max(1, Math.round(box.w * scale)), h = Math.max(1, Math.round(box.h * scale));
      var c = canvas(w, h), ctx = c.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(img, box.x, box.y, box.w, box.h, 0, 0, w, h);
      if (img.close) img.close();
      flatten(ctx, w, h, paper);
      c = straighten(c, skew(ctx, w, h));
      return Promise.all([encode(c, 'image/jpeg', JPEG_Q), encode(c, 'image/webp', WEBP_Q)]).then(function (out) {
        // Some browsers hand back a PNG when asked for WebP: that is no saving, so it is dropped.
        return { jpeg: out[0], webp: out[1] && out[1].type === 'image/webp' ? out[1] : null, width: w, height: h };
      });
    });
  }

  function bytes(blob) { return new Response(blob).arrayBuffer().then(function (b) { return new Uint8Array(b); }); }

  // A PDF of JPEG pages, one image per page (DCTDecode: the JPEG bytes as they are), each page
  // as long as A4 is (842 points) in its own proportions. Offsets in the xref are byte exact.
  function pdf(pages) {
    return Promise.all(pages.map(function (p) { return bytes(p.jpeg); })).then(function (images) {
      var parts = [], offsets = [], at = 0;
      function put(x) {
        parts.push(x);
        at += typeof x === 'string' ? x.length : x.byteLength;  // strings here are ASCII only
      }
      function object(num, body, stream) {
        offsets[num] = at;
        put(num + ' 0 obj\n' + body);
        if (stream) { put('\nstream\n'); put(stream); put('\nendstream'); }
        put('\nendobj\n');
      }
      put('%PDF-1.4\n');
      put(new Uint8Array([37, 226, 227, 207, 211, 10]));  // a binary comment: transfer as binary
      var kids = pages.map(function (_p, i) { return (3 + 3 * i) + ' 0 R'; }).join(' ');
      object(1, '<< /Type /Catalog /Pages 2 0 R >>');
      object(2, '<< /Type /Pages /Kids [' + kids + '] /Count ' + pages.length + ' >>');
      pages.forEach(function (p, i) {
        var k = 842 / Math.max(p.width, p.height), pw = (p.width * k).toFixed(2), ph = (p.height * k).toFixed(2);
        var draw = 'q ' + pw + ' 0 0 ' + ph + ' 0 0 cm /Im Do Q', num = 3 + 3 * i;
        object(num, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ' + pw + ' ' + ph + '] /Resources << /XObject << /Im ' +
          (num + 1) + ' 0 R >> >> /Contents ' + (num + 2) + ' 0 R >>');
        object(num + 1, '<< /Type /XObject /Subtype /Image /Width ' + p.width + ' /Height ' + p.height +
          ' /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ' + images[i].byteLength + ' >>', images[i]);
        object(num + 2, '<< /Length ' + draw.length + ' >>', draw);
      });
      var count = 3 + 3 * pages.length, xref = at, table = 'xref\n0 ' + count + '\n0000000000 65535 f \n';
      for (var i = 1; i < count; i++) table += ('000000000' + offsets[i]).slice(-10) + ' 00000 n \n';
      put(table + 'trailer\n<< /Size ' + count + ' /Root 1 0 R >>\nstartxref\n' + xref + '\n%%EOF\n');
      return new Blob(parts, { type: 'application/pdf' });
    });
  }

  // What is sent for a document's pages: one page alone in its smallest encoding, several pages
  // joined into one PDF. Resolves with {blob, type, ext}.
  function join(pages) {
    if (pages.length > 1) return pdf(pages).then(function (b) { return { blob: b, type: 'application/pdf', ext: '.pdf' }; });
    var p = pages[0], webp = p.webp && p.webp.size < p.jpeg.size;
    return Promise.resolve({ blob: webp ? p.webp : p.jpeg, type: webp ? 'image/webp' : 'image/jpeg', ext: webp ? '.webp' : '.jpg' });
  }

  S.Document = { page: page, pdf: pdf, join: join, findPage: findPage };
})(window.Sawt);
