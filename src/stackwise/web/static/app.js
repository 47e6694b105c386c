// stackwise serve: the page. Every answer lives in the form and the URL; the server decides.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const el = (tag, props, ...children) => {
    const node = Object.assign(document.createElement(tag), props || {});
    for (const child of children) node.append(child);
    return node;
  };
  let questions = [];
  let latest = 0;
  let selected = "README.md";

  function field(q) {
    const id = "q-" + q.key;
    const help = el("p", { className: "help", id: id + "-help", textContent: q.help });
    const note = el("p", { className: "note", id: id + "-note", hidden: true });
    const error = el("p", { className: "error", id: id + "-error", hidden: true });
    const wrap = el("div", { className: "field" });
    wrap.dataset.key = q.key;
    if (q.kind === "multi") {
      const box = el("div", { className: "checks" });
      for (const choice of q.choices) {
        const input = el("input", { type: "checkbox", name: q.key, value: choice, id: id + "-" + choice });
        box.append(el("label", { htmlFor: input.id }, input, " " + choice));
      }
      const set = el("fieldset", {}, el("legend", { textContent: q.question }), help, box);
      set.setAttribute("aria-describedby", help.id + " " + error.id);
      wrap.append(set, error);
      return wrap;
    }
    let control;
    if (q.kind === "choice") {
      control = el("select", { name: q.key, id: id });
      const blank = q.key === "framework" ? "auto: the recommendation" : q.default === null ? "not given" : "default";
      control.append(el("option", { value: "", textContent: blank }));
      for (const choice of q.choices) {
        if (q.key !== "framework" || choice !== "auto") control.append(el("option", { value: choice, textContent: choice }));
      }
    } else {
      control = el("input", { type: "text", name: q.key, id: id, autocomplete: "off", spellcheck: false });
    }
    control.setAttribute("aria-describedby", [help.id, note.id, error.id].join(" "));
    wrap.append(el("label", { htmlFor: id, textContent: q.question }), help, control, note, error);
    return wrap;
  }

  function answers() {
    const params = new URLSearchParams();
    for (const q of questions) {
      if (q.kind === "multi") {
        const checked = [...document.querySelectorAll(`input[name="${q.key}"]:checked`)].map((i) => i.value);
        if (checked.length) params.set(q.key, checked.join(","));
      } else {
        const value = $("q-" + q.key).value;
        if (value !== "") params.set(q.key, value);
      }
    }
    return params;
  }

  function fill(params) {
    for (const q of questions) {
      if (q.kind === "multi") {
        const given = params.getAll(q.key).flatMap((v) => v.split(",")).map((v) => v.trim());
        for (const box of document.querySelectorAll(`input[name="${q.key}"]`)) box.checked = given.includes(box.value);
      } else if (params.has(q.key)) {
        $("q-" + q.key).value = params.get(q.key);
      }
    }
  }

  function selection(params) {
    const body = {};
    for (const q of questions) {
      if (q.group !== "selection" || !params.has(q.key)) continue;
      body[q.key] = q.kind === "multi" ? params.get(q.key).split(",") : params.get(q.key);
    }
    return body;
  }

  async function call(url, options) {
    const response = await fetch(url, options);
    return { ok: response.ok, data: await response.json() };
  }

  function showRecommendation(rec, names) {
    $("winner").replaceChildren("Use ", el("strong", { textContent: rec.name }),
      rec.decided_by_tie_break ? " (a tie, broken by the rules' order)" : "",
      `; runner-up: ${names[rec.runner_up] || rec.runner_up}.`);
    const top = Math.max(1, ...Object.values(rec.scores));
    $("scores").replaceChildren(...Object.entries(rec.scores).map(([fw, score]) => {
      const bar = el("span");
      bar.style.width = (100 * Math.max(0, score) / top) + "%";
      return el("li", {}, el("span", { textContent: names[fw] || fw }), el("span", { className: "bar" }, bar),
        el("span", { textContent: String(score) }));
    }));
    $("reasons").replaceChildren(...(rec.reasons.length ? rec.reasons.map((r) => el("li", {},
      `+${r.weight} ${names[r.favours] || r.favours}: ${r.reason} `,
      el("cite", { className: "cite", textContent: `${r.source.document} › ${r.source.table} › “${r.source.row}”` })))
      : [el("li", { textContent: "No rule fired yet: answer a question above." })]));
    $("tradeoffs").replaceChildren(...rec.tradeoffs.map((t) => el("li", { textContent: t })));
  }

  function showUnavailable(list) {
    for (const q of questions) {
      const note = $("q-" + q.key + "-note");
      if (!note) continue;
      const here = list.filter((u) => u.key === q.key);
      note.hidden = here.length === 0;
      note.textContent = here.map((u) => "Does not apply: " + u.reason + ".").join(" ");
      const control = $("q-" + q.key);
      if (control.tagName !== "SELECT") continue;
      for (const option of control.options) {
        const off = here.some((u) => u.value === option.value);
        option.disabled = off && control.value !== option.value;
        option.textContent = option.value === "" ? option.textContent : option.value + (off ? " (does not apply)" : "");
      }
    }
  }

  function showErrors(errors) {
    for (const node of document.querySelectorAll(".error")) { node.hidden = true; node.textContent = ""; }
    const general = [];
    for (const e of errors) {
      const node = e.key && $("q-" + e.key + "-error");
      if (node) { node.hidden = false; node.textContent = e.message; }
      general.push(e.message);
    }
    $("errors").replaceChildren(...(general.length ? [el("p", { textContent: "Fix these to download:" }),
      el("ul", {}, ...general.map((m) => el("li", { textContent: m })))] : []));
    $("download").setAttribute("aria-disabled", String(errors.length > 0));
    if (errors.length) $("download").removeAttribute("href");
    else $("download").href = "/starter.zip" + location.search;
  }

  function showPreview(data) {
    for (const q of questions) {
      const control = $("q-" + q.key);
      const value = data.answers[q.key];
      if (!control || value === undefined || Array.isArray(value) || q.group === "selection") continue;
      if (control.tagName === "SELECT") control.options[0].textContent = q.key === "framework" ? `auto: ${value}` : `default: ${value}`;
      else control.placeholder = value;
    }
    $("command").value = data.command;
    $("summary").textContent = `${data.files.length} files in ${data.project_slug}/, exactly what the command writes.`;
    if (!data.files.some((f) => f.path === selected)) selected = (data.files.find((f) => f.path === "README.md") || data.files[0] || {}).path;
    $("files").replaceChildren(...data.files.map((f) => {
      const button = el("button", { type: "button", textContent: f.path + (f.executable ? " *" : "") });
      button.setAttribute("aria-current", String(f.path === selected));
      button.addEventListener("click", () => { selected = f.path; showFile(f); showPreview(data); });
      return el("li", {}, button);
    }));
    const file = data.files.find((f) => f.path === selected);
    if (file) showFile(file);
  }

  function showFile(f) {
    $("file-name").textContent = f.path + (f.executable ? " (executable)" : "");
    $("file-text").textContent = f.text === null ? `(${f.size} bytes, not shown)` : f.text;
  }

  async function update() {
    const ticket = ++latest;
    const params = answers();
    const query = params.toString().replace(/%2C/g, ","); // a share link keeps needs readable
    history.replaceState(null, "", query ? "?" + query : location.pathname);
    $("share").value = location.href;
    const names = { flask: "Flask", fastapi: "FastAPI", django: "Django" };
    const recommending = questions.some((q) => q.group === "selection");
    const [rec, options, preview] = await Promise.all([
      recommending ? call("/api/recommend", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(selection(params)) })
        : { ok: true, data: null },
      call("/api/options?" + query),
      call("/api/preview?" + query),
    ]);
    if (ticket !== latest) return;
    if (rec.ok && rec.data) showRecommendation(rec.data, names);
    if (options.ok) showUnavailable(options.data.unavailable);
    showErrors(preview.ok ? (rec.ok ? [] : rec.data.errors) : preview.data.errors);
    if (preview.ok) showPreview(preview.data);
    document.body.dataset.ready = String(ticket);
  }

  async function start() {
    questions = (await call("/api/questions")).data.questions;
    for (const q of questions) $(q.group === "selection" ? "selection" : "project").append(field(q));
    if (!questions.some((q) => q.group === "selection")) { // one template, chosen by the server
      $("sel").hidden = true;
      $("result").hidden = true;
      document.querySelector(".skip").hidden = true;
      document.querySelector("header p").textContent = "Answer the template's questions; explore and download the project it makes.";
    }
    fill(new URLSearchParams(location.search));
    let timer;
    $("answers").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 120); });
    $("answers").addEventListener("submit", (event) => event.preventDefault());
    for (const button of document.querySelectorAll("[data-copy]")) {
      button.addEventListener("click", async () => {
        const input = $(button.dataset.copy);
        input.select();
        try { await navigator.clipboard.writeText(input.value); button.textContent = "Copied"; }
        catch (_) { button.textContent = "Select and copy"; }
        setTimeout(() => { button.textContent = "Copy"; }, 1500);
      });
    }
    for (const node of document.querySelectorAll(".origin")) node.textContent = location.origin;
    await update();
  }

  start();
})();
