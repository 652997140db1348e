"use strict";
(function () {
  var FIELD_LABEL = {chair: "chair", attendee: "attendee", title: "title", meeting_date: "meeting date",
    published_date: "publication date", headline: "headline", target: "target", award: "award",
    meeting: "meeting evidence"};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { for (var k in attrs) { node.setAttribute(k, attrs[k]); } }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function spanLabel(span) {
    return (FIELD_LABEL[span[0]] || span[0]) + ": " + span[3] + " [" + span[4] + "]";
  }

  function renderText(data) {
    var box = el("div", {"class": "text"});
    data.segments.forEach(function (seg) {
      var parent = box;
      seg[1].forEach(function (i) {
        var span = data.spans[i];
        var mark = el("mark", {"class": "f-" + span[0], "data-span": String(i), "data-entry": span[1],
          "data-key": span[2], "tabindex": "0", "aria-label": spanLabel(span)});
        parent.appendChild(mark);
        parent = mark;
      });
      parent.appendChild(document.createTextNode(seg[0]));
    });
    return box;
  }

  function table(headers, rows) {
    var t = el("table");
    var tr = el("tr");
    headers.forEach(function (h) { tr.appendChild(el("th", null, h)); });
    t.appendChild(el("thead")).appendChild(tr);
    var body = t.appendChild(el("tbody"));
    rows.forEach(function (r) { body.appendChild(r); });
    return t;
  }

  function row(entry, cells, flag) {
    var tr = el("tr", entry ? {"class": "entry", "data-entry": entry, "tabindex": "0"} : null);
    if (flag) { tr.classList.add(flag); }
    cells.forEach(function (c) {
      var td = el("td");
      if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? "" : String(c); }
      tr.appendChild(td);
    });
    return tr;
  }

  function renderTables(rec, withEvidence) {
    var box = el("div");
    var e = function (entry) { return withEvidence ? entry : null; };
    var f = function (entry) { return (rec.flags && rec.flags[entry]) || ""; };
    box.appendChild(el("h3", f("meeting") ? {"class": f("meeting")} : null,
      "Meeting report: " + (rec.meeting ? "yes" : "no")));
    box.appendChild(table(["field", "value"], [
      row(e("headline"), ["headline", rec.headline], f("headline")),
      row(e("date"), ["meeting date", rec.meeting_date], f("date")),
      row(e("published"), ["publication date", rec.published_date], f("published"))
    ]));
    box.appendChild(el("h3", null, "People (" + rec.people.length + ")"));
    box.appendChild(table(["name", "role", "titles"], rec.people.map(function (p) {
      var titles = el("span");
      p.titles.forEach(function (t, j) {
        titles.appendChild(el("span", {"class": "tchip f-title", "data-key": p.entry + ".t" + j}, t));
      });
      return row(e(p.entry), [p.name, p.role, titles], f(p.entry));
    })));
    box.appendChild(el("h3", null, "Targets (" + rec.targets.length + ")"));
    box.appendChild(table(["achieved", "total", "unit"], rec.targets.map(function (t) {
      return row(e(t.entry), [t.achieved, t.total, t.unit], f(t.entry));
    })));
    box.appendChild(el("h3", null, "Awards (" + rec.awards.length + ")"));
    box.appendChild(table(["count", "recipient", "award"], rec.awards.map(function (a) {
      return row(e(a.entry), [(a.approximate ? "~" : "") + a.count, a.recipient, a.award], f(a.entry));
    })));
    if (withEvidence) {
      box.appendChild(el("h3", null, "Why (is_meeting_report)"));
      box.appendChild(table(["weight", "reason", "rule"], rec.reasons.map(function (r) {
        return row(r.entry, [(r.weight > 0 ? "+" : "") + r.weight, r.reason, r.rule]);
      })));
    }
    return box;
  }

  function render(section) {
    var bodyBox = section.querySelector(".body");
    if (bodyBox.childNodes.length) { return; }
    var data = JSON.parse(section.querySelector("script.data").textContent);
    section._data = data;
    data.notes.forEach(function (n) { bodyBox.appendChild(el("div", {"class": "notes"}, n)); });
    var layout = el("div", {"class": "layout"});
    layout.appendChild(renderText(data));
    var side = el("div", {"class": "side"});
    if (data.gold) {
      var cols = el("div", {"class": "columns"});
      var pred = el("div"); pred.appendChild(el("h3", null, "Record")); pred.appendChild(renderTables(data.record, true));
      var gold = el("div"); gold.appendChild(el("h3", null, "Gold")); gold.appendChild(renderTables(data.gold, false));
      cols.appendChild(pred); cols.appendChild(gold); side.appendChild(cols);
    } else {
      side.appendChild(renderTables(data.record, true));
    }
    layout.appendChild(side);
    bodyBox.appendChild(layout);
  }

  function clearSelection(section) {
    section.querySelectorAll(".selected").forEach(function (n) { n.classList.remove("selected"); });
  }

  function markEvidence(section, attr, value) {
    clearSelection(section);
    var marks = section.querySelectorAll("mark[" + attr + "=\"" + CSS.escape(value) + "\"]");
    marks.forEach(function (m) { m.classList.add("selected"); });
    if (marks.length) { marks[0].scrollIntoView({block: "center"}); }
    return marks.length;
  }

  document.addEventListener("toggle", function (ev) {
    if (ev.target.matches && ev.target.matches("details.article") && ev.target.open) { render(ev.target); }
  }, true);

  document.addEventListener("click", function (ev) {
    var section = ev.target.closest && ev.target.closest("details.article");
    if (!section) { return; }
    var chip = ev.target.closest(".tchip");
    var tr = ev.target.closest("tr.entry");
    var mark = ev.target.closest("mark");
    if (chip) {
      markEvidence(section, "data-key", chip.getAttribute("data-key"));
      if (tr) { tr.classList.add("selected"); }
      chip.classList.add("selected");
    } else if (tr) {
      markEvidence(section, "data-entry", tr.getAttribute("data-entry"));
      tr.classList.add("selected");
    } else if (mark) {
      var inner = ev.target.closest("mark");
      var entry = inner.getAttribute("data-entry");
      clearSelection(section);
      section.querySelectorAll("mark[data-span=\"" + inner.getAttribute("data-span") + "\"]")
        .forEach(function (m) { m.classList.add("selected"); });
      var rowNode = section.querySelector("tr.entry[data-entry=\"" + CSS.escape(entry) + "\"]");
      if (rowNode) { rowNode.classList.add("selected"); rowNode.scrollIntoView({block: "nearest"}); }
      var chipNode = section.querySelector(".tchip[data-key=\"" + CSS.escape(inner.getAttribute("data-key")) + "\"]");
      if (chipNode) { chipNode.classList.add("selected"); }
    }
  });

  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.matches && ev.target.matches("mark, tr.entry")) {
      ev.preventDefault(); ev.target.click();
    }
  });

  var tip = document.getElementById("tip");
  function showTip(ev) {
    var mark = ev.target.closest && ev.target.closest("mark");
    if (!mark) { tip.hidden = true; return; }
    var section = mark.closest("details.article");
    var data = section._data;
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    var chain = [];
    for (var m = mark; m && m.tagName === "MARK"; m = m.parentElement) { chain.unshift(m); }
    chain.forEach(function (m) { tip.appendChild(el("div", null, spanLabel(data.spans[+m.getAttribute("data-span")]))); });
    var box = mark.getBoundingClientRect();
    tip.style.left = Math.max(4, box.left) + "px";
    tip.style.top = (box.bottom + 6) + "px";
    tip.hidden = false;
  }
  document.addEventListener("mouseover", showTip);
  document.addEventListener("focusin", showTip);
  document.addEventListener("mouseout", function (ev) { if (ev.target.closest && ev.target.closest("mark")) { tip.hidden = true; } });

  function openHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.matches("details.article")) {
      target.open = true; render(target); target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openHash);

  var only = document.getElementById("meetings-only");
  if (only) {
    only.addEventListener("change", function () {
      var shown = 0;
      document.querySelectorAll("#index tbody tr, details.article").forEach(function (node) {
        var hide = only.checked && node.getAttribute("data-meeting") !== "1";
        node.classList.toggle("hidden", hide);
        if (!hide && node.tagName === "TR") { shown += 1; }
      });
      document.getElementById("shown").textContent = String(shown);
    });
  }

  document.querySelectorAll("details.article[open]").forEach(render);
  openHash();
})();
