// govreport serve: the page's behaviour. Plain JavaScript, no library, no
// build step; every element is made with createElement/textContent, so
// nothing from a report is ever parsed as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids) if (kid !== null && kid !== undefined) e.append(kid);
    return e;
  };

  let limits = { max_file: 64 << 20, max_body: 256 << 20, max_files: 500 };
  let items = [];
  let sort = { key: "", dir: 1 };

  // ---- messages ----
  function say(text, ok) {
    const m = $("msg");
    m.textContent = text;
    m.classList.toggle("ok", !!ok);
    m.hidden = !text;
  }

  async function api(url, opts) {
    let res;
    try {
      res = await fetch(url, Object.assign({ credentials: "same-origin" }, opts || {}));
    } catch (e) {
      throw new Error("无法连接到 govreport 服务（服务可能已停止）");
    }
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) throw new Error((body && body.error) || ("请求失败（HTTP " + res.status + "）"));
    return body;
  }

  // ---- upload ----
  const input = $("file");
  const drop = $("drop");
  drop.addEventListener("click", () => input.click());
  drop.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); input.click(); }
  });
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    drop.classList.remove("over");
    if (ev.dataTransfer && ev.dataTransfer.files.length) upload(Array.from(ev.dataTransfer.files));
  });
  input.addEventListener("change", () => {
    const files = Array.from(input.files);
    input.value = "";
    if (files.length) upload(files);
  });

  // upload sends the files one per request, two at a time, so the bar
  // moves as each is read and checked and one bad file does not stop the rest.
  async function upload(files) {
    say("");
    const errors = [];
    const todo = [];
    for (const f of files) {
      if (f.size > limits.max_file) errors.push(f.name + "：文件过大（超过 " + (limits.max_file >> 20) + " MiB），没有上传");
      else todo.push(f);
    }
    const bar = $("bar"), text = $("progress-text");
    $("progress").hidden = false;
    bar.max = Math.max(todo.length, 1);
    bar.value = 0;
    // One file (often a zip of many) is one request: the bar cannot count
    // it, so it shows an indeterminate state until the answer comes.
    if (todo.length === 1) bar.removeAttribute("value");
    let done = 0, read = 0, unread = 0;
    const show = () => { text.textContent = "正在读取和检查：" + done + " / " + todo.length + " 个文件"; };
    show();
    try { await api("/api/session", { method: "POST" }); } catch (e) { say(e.message); return; }
    let next = 0;
    async function worker() {
      while (next < todo.length) {
        const f = todo[next++];
        const fd = new FormData();
        fd.append("file", f, f.name);
        try {
          const r = await api("/api/upload", { method: "POST", body: fd });
          for (const it of r.items) { if (it.error) { unread++; } else { read++; } }
        } catch (e) {
          errors.push(f.name + "：" + e.message);
        }
        done++;
        bar.value = done;
        show();
      }
    }
    await Promise.all([worker(), worker()]);
    text.textContent = "完成：读取 " + read + " 份，无法读取 " + unread + " 个" + (errors.length ? "，未上传 " + errors.length + " 个" : "");
    await refresh();
    if (errors.length) say(errors.join("\n"));
  }

  // ---- list ----
  async function refresh() {
    try {
      const r = await api("/api/reports");
      items = r.items;
      if (r.limits) limits = r.limits;
      if (r.inputs) renderInputs(r.inputs);
      if (r.editions) renderEditions(r.editions);
    } catch (e) {
      items = [];
      say(e.message);
    }
    renderList();
  }

  function renderEditions(list) {
    const sel = $("t-edition");
    if (sel.dataset.filled) return;
    sel.dataset.filled = "1";
    sel.replaceChildren();
    for (const e of list) sel.append(el("option", { value: e.id, text: e.notice }));
  }

  function renderInputs(list) {
    const ul = $("inputs");
    ul.replaceChildren();
    for (const r of list) ul.append(el("li", { text: r.help + (r.exts && r.exts.length ? "（" + r.exts.join(" ") + "）" : "") }));
  }

  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  function renderList() {
    const only = $("only-failed").checked;
    let rows = items.filter((it) => !only || it.failed > 0);
    if (sort.key) {
      rows = rows.slice().sort((a, b) => {
        const x = a[sort.key], y = b[sort.key];
        const c = typeof x === "number" ? x - y : cmp(String(x || ""), String(y || ""));
        return c * sort.dir || cmp(Number(a.id), Number(b.id));
      });
    }
    const tb = $("rows");
    tb.replaceChildren();
    for (const it of rows) {
      const link = el("a", { href: "#/r/" + encodeURIComponent(it.id), text: it.file });
      const tr = el("tr", { class: it.error ? "err" : "", "data-id": it.id });
      tr.append(el("td", {}, link));
      if (it.error) {
        tr.append(el("td", { colspan: 5, text: "无法读取：" + it.error }));
      } else {
        tr.append(el("td", { text: it.agency || "（未识别）" }));
        tr.append(el("td", { class: "num", text: it.year ? String(it.year) : "—" }));
        tr.append(el("td", { text: editionName(it.edition) }));
        tr.append(el("td", { class: "num" + (it.failed ? " bad" : ""), text: String(it.failed) }));
        tr.append(el("td", { class: "num", text: String(it.uncertain) }));
      }
      tb.append(tr);
    }
    const n = items.length, nf = items.filter((it) => it.failed > 0).length;
    $("count").textContent = n ? "（共 " + n + " 个，其中 " + nf + " 个有未通过的检查" + (only ? "；当前只显示这些" : "") + "）" : "";
    $("list").hidden = n === 0;
    $("empty").hidden = n !== 0;
    for (const a of [$("dl-summary"), $("dl-csv")]) a.setAttribute("aria-disabled", n ? "false" : "true");
    for (const th of document.querySelectorAll("#list th")) {
      const k = th.querySelector("button").dataset.sort;
      th.setAttribute("aria-sort", k === sort.key ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    }
  }
  for (const b of document.querySelectorAll("#list th button")) {
    b.addEventListener("click", () => {
      const k = b.dataset.sort;
      sort = { key: k, dir: sort.key === k ? -sort.dir : 1 };
      renderList();
    });
  }
  $("only-failed").addEventListener("change", renderList);
  for (const a of [$("dl-summary"), $("dl-csv")]) {
    a.addEventListener("click", (ev) => {
      if (a.getAttribute("aria-disabled") === "true") { ev.preventDefault(); say("还没有上传报告，无法汇总"); }
    });
  }
  $("clear").addEventListener("click", async () => {
    if (!items.length) return;
    if (!window.confirm("清空本次会话的全部 " + items.length + " 个文件？")) return;
    try { const r = await api("/api/session", { method: "DELETE" }); say(r.message, true); } catch (e) { say(e.message); }
    await refresh();
  });

  function editionName(e) {
    return { "2021": "2021版", "2019": "2019版", legacy: "旧版格式", unknown: "无法识别" }[e] || e || "";
  }

  // ---- report view ----
  const pop = $("pop");
  const cellData = new WeakMap();
  let current = null;

  async function openReport(id) {
    let r;
    try { r = await api("/api/reports/" + encodeURIComponent(id)); } catch (e) { say(e.message); location.hash = "#/"; return; }
    current = r;
    say("");
    $("r-title").textContent = r.title || r.file;
    const meta = $("r-meta");
    meta.replaceChildren();
    const add = (k, v) => { if (v) meta.append(el("dt", { text: k }), el("dd", { text: v })); };
    add("文件", r.file);
    add("机关", r.agency ? r.agency + (r.agency_source ? "（" + r.agency_source + "）" : "") : "（未识别）");
    add("年度", r.year ? String(r.year) : "（未识别）");
    add("表格版本", editionName(r.edition));
    add("发布日期", r.published);
    add("检查", r.error ? "" : "通过 " + r.passed + " 项，未通过 " + r.failed + " 项，存疑 " + r.uncertain + " 项");
    add("无法读取", r.error);
    const dl = $("r-downloads");
    dl.replaceChildren();
    const names = { xlsx: "Excel 工作簿（.xlsx）", pdf: "PDF", docx: "Word（.docx）", json: "JSON" };
    for (const d of r.downloads) dl.append(el("a", { class: "button", href: d.url, title: d.help, "data-format": d.name, text: "下载 " + (names[d.name] || d.name) }));
    renderFindings(r);
    renderTables(r);
    renderParts(r);
    renderMetrics(r);
    document.title = (r.title || r.file) + " · govreport";
  }

  function renderFindings(r) {
    const ul = $("f-list");
    ul.replaceChildren();
    const nf = r.findings.filter((f) => f.status === "fail").length;
    $("f-summary").textContent = r.error ? "" : (r.findings.length ? "共 " + r.findings.length + " 条（未通过 " + nf + " 条）。按 Enter 或点击一条，在表格中标出它涉及的单元格。" : "全部检查通过（" + r.passed + " 项）。");
    r.findings.forEach((f, i) => {
      const b = el("button", { type: "button", class: f.status, "aria-pressed": "false", "data-finding": i },
        el("span", { class: "tag " + f.status, text: f.status_name }), el("span", { class: "fid", text: f.id }), el("br"), f.message);
      b.addEventListener("click", () => highlight(i, b));
      ul.append(el("li", {}, b));
    });
  }

  function highlight(i, button) {
    const on = button.getAttribute("aria-pressed") !== "true";
    for (const b of document.querySelectorAll("#f-list button")) b.setAttribute("aria-pressed", "false");
    for (const td of document.querySelectorAll("td.hl")) td.classList.remove("hl");
    if (!on) return;
    button.setAttribute("aria-pressed", "true");
    const f = current.findings[i];
    let first = null;
    for (const k of f.keys || []) {
      const td = document.querySelector('td[data-key="' + CSS.escape(k) + '"]');
      if (td) { td.classList.add("hl"); first = first || td; }
    }
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function renderTables(r) {
    const box = $("r-tables");
    box.replaceChildren();
    if (!r.tables.length) {
      box.append(el("section", { class: "panel no-tables" }, r.error ? "这个文件没有读取成功：" + r.error : "这份报告没有统一格式的表格（旧版格式或无法识别表格版本），只能查看正文。"));
      return;
    }
    for (const t of r.tables) {
      const total = t.widths.reduce((a, b) => a + b, 0);
      const cg = el("colgroup");
      for (const w of t.widths) { const c = el("col"); c.style.width = (100 * w / total).toFixed(2) + "%"; cg.append(c); }
      const table = el("table", { class: "gov", "data-table": t.id }, el("caption", { class: "visually-hidden", text: t.title }), cg);
      const thead = el("thead"), tbody = el("tbody");
      t.rows.forEach((row, ri) => {
        const tr = el("tr");
        for (const c of row) tr.append(cell(c));
        (ri < t.header_rows ? thead : tbody).append(tr);
      });
      table.append(thead, tbody);
      box.append(el("section", { class: "panel form-table", "aria-label": t.title }, el("h3", { text: t.title }), el("div", { class: "scroll" }, table)));
    }
  }

  function cell(c) {
    const span = { rowspan: c.rs > 1 ? c.rs : null, colspan: c.cs > 1 ? c.cs : null };
    switch (c.role) {
      case "header": case "banner":
        return el("th", Object.assign({ class: c.role, scope: c.cs > 1 ? "colgroup" : "col", text: c.text }, span));
      case "label":
        return el("th", Object.assign({ class: "label", scope: c.rs > 1 ? "rowgroup" : "row", text: c.text }, span));
      case "note":
        return el("td", Object.assign({ class: "note", text: c.text }, span));
      case "value": {
        let shown = c.raw;
        if (c.kind === "missing") shown = "—";
        const cls = ["v", c.kind === "missing" ? "missing" : "", c.state || ""].filter(Boolean).join(" ");
        const state = { fail: "，检查未通过", doubt: "，读取存疑", uncertain: "，相关检查无法判断" }[c.state] || "";
        const td = el("td", Object.assign({ class: cls, tabindex: 0, "data-key": c.key, "aria-label": c.label + "：" + (c.kind === "blank" ? "空白" : shown) + state, text: shown }, span));
        cellData.set(td, c);
        td.addEventListener("mouseenter", () => showPop(td, c));
        td.addEventListener("mouseleave", () => {
          // Only the popup of this cell closes; the focused cell's comes back.
          // (Scrolling and re-layout send these events too, without the mouse moving.)
          if (!popFor || popFor[0] !== td) return;
          const a = document.activeElement;
          if (a === td) return;
          if (cellData.has(a)) showPop(a, cellData.get(a)); else hidePop();
        });
        td.addEventListener("focus", () => showPop(td, c));
        td.addEventListener("blur", () => { if (popFor && popFor[0] === td) hidePop(); });
        td.addEventListener("keydown", (ev) => {
          if (ev.key === "Escape") hidePop();
          if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); showPop(td, c); }
        });
        return td;
      }
      default:
        return el("td", Object.assign({ class: "empty" }, span));
    }
  }

  function kindText(c) {
    switch (c.kind) {
      case "blank": return "空白（未填写，不等于 0）";
      case "none": return "写的是“" + c.raw + "”（表示没有，不等于 0）";
      case "text": return "文字，不是数字";
      case "missing": return "原文中没有这个单元格";
      default: return c.value;
    }
  }

  let popFor = null;
  function showPop(td, c) {
    popFor = [td, c];
    pop.replaceChildren();
    pop.append(el("h4", { text: c.label }));
    const dl = el("dl");
    const add = (k, v) => { if (v) dl.append(el("dt", { text: k }), el("dd", {}, v)); };
    add("原文", c.kind === "missing" ? "（无）" : el("span", { class: "raw", text: c.raw === "" ? "（空）" : c.raw }));
    if (c.kind !== "number" || c.value !== c.raw) add("含义", kindText(c));
    add("位置", c.source || "");
    add("存疑原因", c.doubt);
    add("字段", c.key);
    pop.append(dl);
    if (c.findings && c.findings.length) {
      const ul = el("ul");
      for (const i of c.findings) {
        const f = current.findings[i];
        ul.append(el("li", {}, el("span", { class: "tag " + f.status, text: f.status_name }), el("span", { class: "fid", text: f.id }), el("br"), f.message));
      }
      pop.append(el("p", { class: "help", text: "涉及这个单元格的检查：" }), ul);
    }
    pop.hidden = false;
    td.setAttribute("aria-describedby", "pop");
    const r = td.getBoundingClientRect();
    const pw = pop.offsetWidth, ph = pop.offsetHeight;
    let left = window.scrollX + r.left;
    if (left + pw > window.scrollX + document.documentElement.clientWidth - 8) left = Math.max(window.scrollX + 8, window.scrollX + document.documentElement.clientWidth - pw - 8);
    let top = window.scrollY + r.bottom + 6;
    if (r.bottom + ph + 6 > window.innerHeight && r.top > ph + 6) top = window.scrollY + r.top - ph - 6;
    pop.style.left = left + "px";
    pop.style.top = top + "px";
  }
  function hidePop() {
    pop.hidden = true;
    popFor = null;
    for (const td of document.querySelectorAll('td[aria-describedby="pop"]')) td.removeAttribute("aria-describedby");
  }
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hidePop(); });
  // The popup is placed for the layout it was opened in: place it again
  // when the window changes (zoom, resize).
  window.addEventListener("resize", () => { if (!pop.hidden && popFor) showPop(popFor[0], popFor[1]); });

  function renderMetrics(r) {
    const body = $("m-rows");
    body.replaceChildren();
    $("r-metrics-panel").hidden = !(r.metrics && r.metrics.length);
    for (const m of r.metrics || []) {
      const frac = m.numerator !== undefined ? m.numerator + " / " + m.denominator : "";
      const value = el("td", { class: "num", text: m.text + (m.failed_checks ? " ⚠" : "") });
      if (m.failed_checks) value.title = "输入格参与了未通过的检查：" + m.failed_checks.join("、");
      body.append(el("tr", {}, el("th", { scope: "row", text: m.name }), value, el("td", { class: "num", text: frac }), el("td", { text: m.formula })));
    }
  }

  function renderParts(r) {
    const box = $("r-parts");
    box.replaceChildren();
    $("r-parts-panel").hidden = !r.parts.length;
    if (r.preamble) {
      const s = el("section");
      for (const p of r.preamble.split(/\n+/)) if (p.trim()) s.append(el("p", { text: p }));
      box.append(s);
    }
    for (const p of r.parts) {
      const s = el("section", {}, el("h3", { text: p.heading }));
      if (p.missing) s.append(el("p", { class: "missing", text: "（原文中没有找到这一部分）" }));
      else for (const line of p.text.split(/\n+/)) if (line.trim()) s.append(el("p", { text: line }));
      box.append(s);
    }
  }

  // ---- routing: #/ is the list, #/r/ID a report ----
  function route() {
    hidePop();
    const m = location.hash.match(/^#\/r\/(.+)$/);
    $("view-list").hidden = !!m;
    $("view-report").hidden = !m;
    if (m) {
      openReport(decodeURIComponent(m[1])).then(() => $("back").focus());
    } else {
      document.title = "政府信息公开工作年度报告 · 读取与检查";
      current = null;
      refresh();
    }
  }
  window.addEventListener("hashchange", route);
  route();
})();
