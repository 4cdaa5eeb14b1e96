// form.js - the script of the interactive audit form. emit_form.c writes
// it into every <rubric-id>-form.html (scripts/embed-script.sh makes this
// file a C header at build time, with the hash the page's
// Content-Security-Policy allows it by). It is fixed text, the same for
// every rubric: it reads the rubric's ids, codes and names from the page
// and holds no author string.
//
// Without it the page is the paper form. With it:
//   - the record is checked (one message per missing item, in a GOV.UK
//     error summary linking to it) and saved in the grader's JSON Lines
//     form, as <rubric>-<case>-<date>.jsonl, or copied;
//   - every change is kept as a draft in the browser's IndexedDB (on this
//     computer only), under the rubric id, its edition and the case
//     reference; the drafts are listed newest first with how complete each
//     is, continued, deleted (after asking), and all the finished ones
//     saved in one file; a draft made under another edition of the rubric
//     names the criteria that changed since (each criterion carries a
//     digest of its wording, data-digest);
//   - a saved record (a .jsonl file, or one line of a batch) is opened to
//     amend it: it keeps its case, auditor and date and gains amended_by
//     and amended_at;
//   - the level descriptors under every criterion open and close all at
//     once.
(function () {
  'use strict';
  var form = document.getElementById('form_audit');
  var rubricId = form.getAttribute('data-rubric');
  var edition = form.getAttribute('data-edition');
  var summary = document.getElementById('form_errors');
  var output = document.getElementById('form_record');
  var recordText = document.getElementById('form_record_text');
  var status = document.getElementById('form_record_status');
  var draftStatus = document.getElementById('form_draft_status');
  var draftList = document.getElementById('form_draft_list');
  var draftsStatus = document.getElementById('form_drafts_status');
  var editionNotice = document.getElementById('form_edition_notice');
  var amending = document.getElementById('form_amending');
  var openStatus = document.getElementById('form_open_status');
  var openChoices = document.getElementById('form_open_choices');
  var descriptorToggle = document.getElementById('form_descriptors_toggle');
  var STORE = 'drafts';
  // The record's own members: anything else in an opened record (case
  // facts, members of later formats) is carried through unchanged.
  var OWN_MEMBERS = ['case', 'rubric', 'auditor', 'date', 'case_type', 'grades', 'auditor_grades', 'comments',
                     'amended_by', 'amended_at'];

  document.getElementById('form_actions').hidden = false;
  document.getElementById('form_drafts').hidden = false;
  document.getElementById('form_open').hidden = false;
  descriptorToggle.hidden = false;
  document.getElementById('form_paper_note').hidden = true;

  // ------------------------------------------------------------ the page

  var criteria = [];
  var fieldsets = form.querySelectorAll('fieldset[data-criterion]');
  for (var c = 0; c < fieldsets.length; c++) {
    var cohorts = fieldsets[c].getAttribute('data-applies-to');
    criteria.push({ id: fieldsets[c].getAttribute('data-criterion'), element: fieldsets[c],
                    cohorts: cohorts ? cohorts.split(' ') : null,
                    digest: fieldsets[c].getAttribute('data-digest'),
                    name: fieldsets[c].querySelector('.criterion-legend__name').textContent });
  }
  var sections = [];
  var sectionGrades = form.querySelectorAll('fieldset[data-section]');
  for (var s = 0; s < sectionGrades.length; s++) sections.push(sectionGrades[s].getAttribute('data-section'));
  var hasCaseTypes = form.querySelector('#form_case_type') !== null;
  // The case facts the rubric declares: key, type, whether required, the
  // name the page gives it, the field a message links to.
  var facts = [];
  var factGroups = form.querySelectorAll('[data-fact]');
  for (var f = 0; f < factGroups.length; f++) {
    var factKey = factGroups[f].getAttribute('data-fact');
    var factType = factGroups[f].getAttribute('data-fact-type');
    facts.push({ key: factKey, type: factType, required: factGroups[f].hasAttribute('data-required'),
                 name: factGroups[f].querySelector('.form-label').firstChild.textContent.trim(),
                 field: 'form_fact_' + factKey + (factType === 'yes/no' ? '__0' : '') });
  }
  for (var w = 0; w < criteria.length; w++) {
    var governed = criteria[w].element;
    if (governed.hasAttribute('data-when-fact'))
      criteria[w].when = { fact: governed.getAttribute('data-when-fact'),
                           test: governed.getAttribute('data-when-test'),
                           values: governed.getAttribute('data-when-values').split('|') };
  }

  // Whether a criterion applies to the case: its case type, and its
  // condition on a case fact ("applies when": the fact given, and one of
  // the values, or none of them); a condition on dates is the grader's.
  function applies(criterion, values) {
    var caseType = values.case_type || '';
    if (caseType && criterion.cohorts && criterion.cohorts.indexOf(caseType) < 0) return false;
    if (!criterion.when) return true;
    var given = (values['fact:' + criterion.when.fact] || '').trim();
    if (!given) return false;
    var listed = criterion.when.values.indexOf(given) >= 0;
    return criterion.when.test === 'is not' ? !listed : listed;
  }

  // Shows the criteria that apply to the case, hides the others.
  function showApplicable(values) {
    for (var i = 0; i < criteria.length; i++)
      if (criteria[i].when) criteria[i].element.hidden = !applies(criteria[i], values);
  }

  function digests() {
    var found = {};
    for (var i = 0; i < criteria.length; i++) found[criteria[i].id] = criteria[i].digest;
    return found;
  }

  // Every field's value by name: text as typed, the ticked box of a row.
  function currentValues() {
    var values = {};
    for (var i = 0; i < form.elements.length; i++) {
      var field = form.elements[i];
      if (!field.name || field.type === 'button' || field.type === 'submit' || field.type === 'file') continue;
      if (field.type === 'radio') {
        if (field.checked) values[field.name] = field.value;
      } else if (field.value !== '') {
        values[field.name] = field.value;
      }
    }
    return values;
  }

  // Fills the form from values (clearing what they do not name).
  function showValues(values) {
    for (var i = 0; i < form.elements.length; i++) {
      var field = form.elements[i];
      if (!field.name || field.type === 'button' || field.type === 'submit' || field.type === 'file') continue;
      if (field.type === 'radio') field.checked = values[field.name] === field.value;
      else field.value = values[field.name] || '';
    }
    showApplicable(values);
  }

  // Whether text is a real date written year-month-day (2026-02-30 is not).
  function isDate(text) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!parts) return false;
    var date = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
    return date.getUTCFullYear() === +parts[1] && date.getUTCMonth() === +parts[2] - 1 &&
      date.getUTCDate() === +parts[3];
  }

  // ------------------------------------------------------------ the record

  // The record that values make, in the grader's JSON Lines form, and what
  // is missing: [element id, message] pairs. draft holds what an opened
  // record brings (original case, auditor and date; members carried
  // through).
  function build(values, draft) {
    var missing = [];
    var text = function (name) { return (values[name] || '').trim(); };
    var record = { 'case': text('case'), rubric: rubricId, auditor: text('auditor'), date: text('date') };
    if (draft && draft.original) {
      record['case'] = draft.original['case'];
      record.auditor = draft.original.auditor;
      record.date = draft.original.date;
    }
    if (!record['case']) missing.push(['form_case', 'Enter the case reference']);
    if (!record.auditor) missing.push(['form_auditor', 'Enter the auditor\u2019s name']);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(record.date))
      missing.push(['form_date', 'Enter the date of the audit as year-month-day, like 2026-03-02']);
    else if (!isDate(record.date))
      missing.push(['form_date', 'The date of the audit must be a real date: ' + record.date + ' is not']);
    var caseType = values.case_type || '';
    if (caseType) record.case_type = caseType;
    else if (hasCaseTypes) missing.push(['form_case_type__0', 'Choose the case type']);
    for (var f = 0; f < facts.length; f++) {
      var fact = facts[f];
      var given = text('fact:' + fact.key);
      if (!given) {
        if (fact.required)
          missing.push([fact.field, (fact.type === 'choice' || fact.type === 'yes/no' ? 'Choose ' : 'Enter ') +
                        'the ' + fact.name]);
      } else if (fact.type === 'date' && !isDate(given)) {
        missing.push([fact.field, 'Enter the ' + fact.name + ' as a real date, year-month-day, like 2026-03-02']);
      } else if (fact.type === 'dates' && !given.split(/\s*[,;]\s*/).every(isDate)) {
        missing.push([fact.field, 'Enter the ' + fact.name + ' as real dates, year-month-day, separated by ' +
                      'commas, like 2026-03-02, 2026-03-16']);
      } else if (fact.type === 'number' && !/^-?\d+(\.\d+)?$/.test(given)) {
        missing.push([fact.field, 'Enter the ' + fact.name + ' as a number, like 3 or 2.5']);
      } else {
        record[fact.key] = fact.type === 'number' ? Number(given) : given;
      }
    }
    record.grades = {};
    var comments = {};
    for (var i = 0; i < criteria.length; i++) {
      var id = criteria[i].id;
      var other = !applies(criteria[i], values);
      var grade = other ? '' : values['grade:' + id];
      if (grade) record.grades[id] = grade;
      else if (!other)
        missing.push([id + '__0', 'Grade criterion \u201c' + criteria[i].name + '\u201d (' + id + ')']);
      var evidence = text('evidence:' + id);
      if (evidence) comments[id] = evidence;
    }
    // comments on the auditor's own grades ("comment:<section id>",
    // "comment:overall"), where the form has the live grade
    for (var name in values)
      if (name.indexOf('comment:') === 0 && text(name)) comments[name.slice(8)] = text(name);
    var graded = {};
    var any = false;
    for (var k = 0; k < sections.length; k++) {
      var sectionGrade = values['section:' + sections[k]];
      if (sectionGrade) { graded[sections[k]] = sectionGrade; any = true; }
    }
    if (values.overall || any) {
      record.auditor_grades = {};
      if (values.overall) record.auditor_grades.overall = values.overall;
      if (any) record.auditor_grades.sections = graded;
    }
    if (Object.keys(comments).length) record.comments = comments;
    if (draft && draft.extra)
      for (var member in draft.extra)
        if (!(member in record)) record[member] = draft.extra[member];
    if (draft && draft.original) {
      record.amended_by = text('amended_by');
      record.amended_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      if (!record.amended_by) missing.push(['form_amended_by', 'Enter your name as the one amending the record']);
    }
    return { record: record, missing: missing };
  }

  // How complete values are: [items answered, items to answer].
  function completeness(values, draft) {
    var missing = build(values, draft).missing.length;
    var total = 3 + (hasCaseTypes ? 1 : 0) + (draft && draft.original ? 1 : 0);
    for (var f = 0; f < facts.length; f++)
      if (facts[f].required || values['fact:' + facts[f].key]) total++;
    for (var i = 0; i < criteria.length; i++)
      if (applies(criteria[i], values)) total++;
    return [Math.max(0, total - missing), total];
  }

  function showProblems(missing) {
    var list = summary.querySelector('ul');
    list.textContent = '';
    for (var i = 0; i < missing.length; i++) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '#' + missing[i][0];
      link.textContent = missing[i][1];
      item.appendChild(link);
      list.appendChild(item);
    }
    summary.hidden = false;
    output.hidden = true;
    summary.focus();
  }

  // Marks the criteria and fields that are missing.
  function markProblems(missing) {
    var wrong = {};
    for (var i = 0; i < missing.length; i++) wrong[missing[i][0]] = true;
    for (var j = 0; j < criteria.length; j++)
      criteria[j].element.classList.toggle('form-group--error', wrong[criteria[j].id + '__0'] === true);
  }

  // The line to save, or null after showing what is missing.
  function recordLine() {
    var built = build(currentValues(), openDraft);
    markProblems(built.missing);
    if (built.missing.length) { showProblems(built.missing); return null; }
    summary.hidden = true;
    var line = JSON.stringify(built.record);
    recordText.value = line;
    output.hidden = false;
    return line;
  }

  // A name made safe for a file: letters, digits, dots, dashes.
  function safeName(text) {
    return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'case';
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  // Offers text as a download named name.
  function download(text, name) {
    var blob = new Blob([text], { type: 'application/x-ndjson' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // Where the file went and where it goes next, in plain words.
  function whereItWent(what, name) {
    return what + ' as ' + name + '. Your browser has put it in its downloads folder (usually ' +
      'Downloads), unless it asked you where to save it. Put the file in the folder where this round\u2019s ' +
      'records are collected, as your quality-assurance lead asked; it is graded with: rubric-grade ' +
      '--rubric ' + rubricId + '.json ' + name;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var line = recordLine();
    if (line === null) return;
    var record = JSON.parse(line);
    var name = rubricId + '-' + safeName(record['case']) + '-' + record.date + '.jsonl';
    download(line + '\n', name);
    status.textContent = whereItWent('Saved the record', name);
  });

  document.getElementById('form_copy').addEventListener('click', function () {
    var line = recordLine();
    if (line === null) return;
    function copied() { status.textContent = 'Copied the record: paste it as one line of a .jsonl file.'; }
    function byHand() {
      recordText.focus();
      recordText.select();
      var done = false;
      try { done = document.execCommand('copy'); } catch (error) { done = false; }
      status.textContent = done ? 'Copied the record: paste it as one line of a .jsonl file.'
                                : 'Select the record below and copy it.';
    }
    if (navigator.clipboard && navigator.clipboard.writeText)
      navigator.clipboard.writeText(line).then(copied, byHand);
    else byHand();
  });

  // ---------------------------------------------------- level descriptors

  var details = form.querySelectorAll('details.descriptors');
  function descriptorsAllOpen() {
    for (var i = 0; i < details.length; i++) if (!details[i].open) return false;
    return details.length > 0;
  }
  function showToggle() {
    var open = descriptorsAllOpen();
    descriptorToggle.textContent = open ? 'Close all level descriptors' : 'Open all level descriptors';
    descriptorToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  descriptorToggle.addEventListener('click', function () {
    var open = !descriptorsAllOpen();
    for (var i = 0; i < details.length; i++) details[i].open = open;
    showToggle();
  });
  for (var d = 0; d < details.length; d++) details[d].addEventListener('toggle', showToggle);
  showToggle();

  // --------------------------------------------------------------- drafts

  var database = null;       // the IndexedDB database, once open
  var openDraft = null;      // the draft in the form
  var saved = 0;             // drafts written since the page opened
  var writing = 0;           // drafts being written now
  var keepWhenOpen = false;  // a change came before the database was open
  var listPending = false;   // the list is to be shown again shortly
  var asking = false;        // a deletion is being asked about

  function newDraft() {
    return { key: rubricId + '/' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8),
             rubric: rubricId, edition: edition, 'case': '', updated: '', values: {}, digests: digests(),
             original: null, extra: null };
  }

  function withStore(mode, work, done) {
    if (!database) return;
    var transaction = database.transaction(STORE, mode);
    var result = work(transaction.objectStore(STORE));
    transaction.oncomplete = function () { if (done) done(result.result); };
    transaction.onerror = function () {
      draftStatus.textContent = 'Could not keep the draft in this browser: save the record before closing it.';
    };
  }

  // What is not yet kept, for the page's tests: writes in flight, or a
  // change waiting for the database to open.
  function showPending() {
    draftStatus.setAttribute('data-pending', String(writing + (keepWhenOpen ? 1 : 0)));
  }

  // Keeps what the form holds now as the open draft. A change made before
  // the database is open is kept as soon as it opens.
  function keepDraft() {
    if (!database) {
      keepWhenOpen = true;
      showPending();
      return;
    }
    if (!openDraft) openDraft = newDraft();
    var values = currentValues();
    var done = completeness(values, openDraft);
    openDraft.values = values;
    openDraft['case'] = openDraft.original ? openDraft.original['case'] : (values['case'] || '').trim();
    openDraft.updated = new Date().toISOString();
    openDraft.answered = done[0];
    openDraft.total = done[1];
    openDraft.edition = edition;
    openDraft.digests = digests();
    var kept = JSON.parse(JSON.stringify(openDraft));
    writing++;
    showPending();
    withStore('readwrite', function (store) { return store.put(kept); }, function () {
      writing--;
      showPending();
      saved++;
      draftStatus.setAttribute('data-saved', String(saved));
      draftStatus.textContent = 'Draft kept on this computer at ' + new Date().toTimeString().slice(0, 8) +
        ' (' + done[0] + ' of ' + done[1] + ' items answered).';
      if (!listPending) {
        listPending = true;
        setTimeout(function () { listPending = false; listDrafts(); }, 250);
      }
    });
  }

  // Tells the live grade (form_grade.mjs, where the page carries the
  // grader) the record as it now stands.
  function announceRecord() {
    form.dispatchEvent(new CustomEvent('recordchange', { detail: build(currentValues(), openDraft).record }));
  }

  function changed(event) {
    if (!event.target.name || event.target.type === 'file') return;
    if (event.target.name.indexOf('fact:') === 0 || event.target.name === 'case_type')
      showApplicable(currentValues());
    keepDraft();
    // what the grade depends on: a box ticked, a case fact, the date (the
    // evidence and comments typed change no grade)
    if (event.type === 'change' && (event.target.type === 'radio' || event.target.tagName === 'SELECT') ||
        event.target.name.indexOf('fact:') === 0 || event.target.name === 'date')
      announceRecord();
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);

  function when(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { day: 'numeric', month: 'long',
      year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  function button(text, secondary, action) {
    var element = document.createElement('button');
    element.type = 'button';
    element.className = 'button button--small' + (secondary ? ' button--secondary' : '');
    element.textContent = text;
    element.addEventListener('click', action);
    return element;
  }

  function draftName(draft) {
    return draft['case'] ? 'case ' + draft['case'] : 'a draft with no case reference yet';
  }

  // The criteria whose wording changed between a draft's edition and this
  // one, those added and those no longer in the rubric.
  function changes(draft) {
    var changed = [], added = [], removed = [];
    var old = draft.digests || {};
    var now = digests();
    for (var i = 0; i < criteria.length; i++) {
      if (!(criteria[i].id in old)) added.push(criteria[i]);
      else if (old[criteria[i].id] !== criteria[i].digest) changed.push(criteria[i]);
    }
    for (var id in old) if (!(id in now)) removed.push(id);
    return { changed: changed, added: added, removed: removed };
  }

  function namesOf(list) {
    return list.map(function (criterion) { return '\u201c' + criterion.name + '\u201d (' + criterion.id + ')'; })
      .join(', ');
  }

  function showEditionNotice(draft) {
    var text = editionNotice.querySelector('p');
    if (!draft || draft.edition === edition) { editionNotice.hidden = true; return; }
    var found = changes(draft);
    var parts = ['This draft was made under another edition of the rubric (' + (draft.edition || 'none given') +
                 '); this form is edition ' + (edition || 'none given') + '.'];
    if (found.changed.length) parts.push('These criteria changed since: check your grades: ' +
                                         namesOf(found.changed) + '.');
    if (found.added.length) parts.push('New criteria: ' + namesOf(found.added) + '.');
    if (found.removed.length) parts.push('No longer in the rubric (their grades are dropped): ' +
                                         found.removed.join(', ') + '.');
    if (!found.changed.length && !found.added.length && !found.removed.length)
      parts.push('No criterion changed.');
    text.textContent = parts.join(' ');
    editionNotice.hidden = false;
  }

  function showAmending(draft) {
    var amendingRecord = draft && draft.original;
    amending.hidden = !amendingRecord;
    var locked = ['case', 'auditor', 'date'];
    for (var i = 0; i < locked.length; i++)
      form.elements.namedItem(locked[i]).readOnly = !!amendingRecord;
    if (amendingRecord)
      amending.querySelector('p').textContent = 'You are amending the record of case ' +
        draft.original['case'] + ' made by ' + draft.original.auditor + ' on ' + draft.original.date +
        '. It keeps its case, auditor and date; the record you save also says who amended it and when.';
  }

  // Puts a draft into the form.
  function openInForm(draft) {
    asking = false;
    openDraft = draft;
    var values = draft.values || {};
    showValues(values);
    summary.hidden = true;
    output.hidden = true;
    markProblems([]);
    showAmending(draft);
    showEditionNotice(draft);
    listDrafts();
    announceRecord();
  }

  function askToDelete(item, draft) {
    asking = true;
    item.textContent = '';
    var question = document.createElement('p');
    question.tabIndex = -1;
    question.className = 'draft__question';
    question.textContent = 'Delete the draft of ' + draftName(draft) + '? It cannot be brought back.';
    item.appendChild(question);
    item.appendChild(button('Yes, delete it', false, function () {
      asking = false;
      withStore('readwrite', function (store) { return store['delete'](draft.key); }, function () {
        if (openDraft && openDraft.key === draft.key) {
          openDraft = null;
          showValues({});
          showAmending(null);
          showEditionNotice(null);
        }
        draftsStatus.textContent = 'Deleted the draft of ' + draftName(draft) + '.';
        listDrafts();
      });
    }));
    item.appendChild(button('No, keep it', true, function () {
      asking = false;
      listDrafts();
    }));
    question.focus();
  }

  function allDrafts(done) {
    withStore('readonly', function (store) { return store.getAll(); }, function (found) {
      done((found || []).filter(function (draft) { return draft.rubric === rubricId; })
        .sort(function (a, b) { return a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0; }));
    });
  }

  // Lists this rubric's drafts, newest first.
  function listDrafts() {
    if (asking) return;   // the question stays until answered
    allDrafts(function (drafts) {
      if (asking) return;
      draftList.textContent = '';
      document.getElementById('form_drafts_none').hidden = drafts.length > 0;
      drafts.forEach(function (draft) {
        var item = document.createElement('li');
        item.className = 'draft';
        var name = document.createElement('strong');
        name.textContent = draft['case'] ? 'Case ' + draft['case'] : 'No case reference yet';
        item.appendChild(name);
        var about = document.createElement('span');
        about.className = 'draft__about';
        about.textContent = ' \u00b7 ' + (draft.answered || 0) + ' of ' + (draft.total || 0) +
          ' items answered \u00b7 last changed ' + when(draft.updated) +
          (draft.original ? ' \u00b7 amending a saved record' : '');
        item.appendChild(about);
        if (draft.edition !== edition) {
          var tag = document.createElement('strong');
          tag.className = 'tag tag--small tag--caps';
          tag.textContent = 'Another edition: ' + (draft.edition || 'none given');
          item.appendChild(document.createTextNode(' '));
          item.appendChild(tag);
        }
        var actions = document.createElement('span');
        actions.className = 'draft__actions';
        if (openDraft && openDraft.key === draft.key) {
          var here = document.createElement('span');
          here.className = 'draft__open';
          here.textContent = 'Open below';
          actions.appendChild(here);
        } else {
          actions.appendChild(button('Continue', false, function () {
            openInForm(draft);
            draftsStatus.textContent = 'Opened the draft of ' + draftName(draft) + '.';
            document.getElementById('form_case').focus();
          }));
        }
        var remove = button('Delete', true, function () { askToDelete(item, draft); });
        remove.setAttribute('aria-label', 'Delete the draft of ' + draftName(draft));
        actions.appendChild(remove);
        item.appendChild(actions);
        draftList.appendChild(item);
      });
    });
  }

  document.getElementById('form_new').addEventListener('click', function () {
    asking = false;
    openDraft = null;
    showValues({});
    showAmending(null);
    showEditionNotice(null);
    summary.hidden = true;
    output.hidden = true;
    markProblems([]);
    draftsStatus.textContent = 'Started a new audit: it is kept as a draft from its first answer.';
    listDrafts();
    announceRecord();
    document.getElementById('form_case').focus();
  });

  document.getElementById('form_save_finished').addEventListener('click', function () {
    allDrafts(function (drafts) {
      var lines = [];
      drafts.forEach(function (draft) {
        var built = build(draft.values || {}, draft);
        if (!built.missing.length) lines.push(JSON.stringify(built.record));
      });
      if (!lines.length) {
        draftsStatus.textContent = 'No draft is finished yet: a draft is finished when every item is answered.';
        return;
      }
      var name = rubricId + '-finished-drafts-' + today() + '.jsonl';
      download(lines.join('\n') + '\n', name);
      draftsStatus.textContent = whereItWent('Saved ' + lines.length + ' finished draft' +
                                             (lines.length === 1 ? '' : 's') + ', one record a line,', name);
    });
  });

  // ------------------------------------------------- opening a saved record

  // A record with neither a date nor grades is a prefilled draft (what
  // `rubric-grade sample --drafts` writes for each auditor): it opens as a
  // new audit of that case, not as an amendment of a saved one.
  function isPrefilled(record) {
    return !record.date && !record.grades;
  }

  // A record as a draft to amend (or, prefilled, to start).
  function draftOfRecord(record) {
    var draft = newDraft();
    var values = { 'case': record['case'], auditor: record.auditor };
    if (record.date) values.date = record.date;
    if (record.case_type) values.case_type = record.case_type;
    var grades = record.grades || {};
    for (var id in grades) values['grade:' + id] = grades[id];
    var comments = record.comments || {};
    var criterionIds = criteria.map(function (criterion) { return criterion.id; });
    for (var commented in comments)
      values[(criterionIds.indexOf(commented) >= 0 ? 'evidence:' : 'comment:') + commented] = comments[commented];
    var own = record.auditor_grades || {};
    if (own.overall) values.overall = own.overall;
    for (var section in own.sections || {}) values['section:' + section] = own.sections[section];
    draft.values = values;
    var factKeys = [];
    for (var f = 0; f < facts.length; f++) {
      var given = record[facts[f].key];
      factKeys.push(facts[f].key);
      if (given === true || given === false) given = given ? 'yes' : 'no';
      if (given !== undefined && given !== null) values['fact:' + facts[f].key] = String(given);
    }
    if (!isPrefilled(record))
      draft.original = { 'case': record['case'], auditor: record.auditor, date: record.date };
    draft.extra = {};
    for (var member in record)
      if (OWN_MEMBERS.indexOf(member) < 0 && factKeys.indexOf(member) < 0) draft.extra[member] = record[member];
    return draft;
  }

  function amend(record) {
    openInForm(draftOfRecord(record));
    openChoices.hidden = true;
    keepDraft();
    if (isPrefilled(record)) {
      openStatus.textContent = 'Opened case ' + record['case'] + ' to audit: enter the date and grades.';
      document.getElementById('form_date').focus();
      return;
    }
    openStatus.textContent = 'Opened the record of case ' + record['case'] + ' to amend it.';
    document.getElementById('form_amended_by').focus();
  }

  document.getElementById('form_open_file').addEventListener('change', function (event) {
    var file = event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var records = [], problems = [];
      String(reader.result).split('\n').forEach(function (line, index) {
        if (!line.trim()) return;
        try {
          var record = JSON.parse(line);
          if (!record || typeof record !== 'object' || Array.isArray(record)) throw new Error('not a record');
          if (record.rubric !== rubricId) problems.push('line ' + (index + 1) + ' is for rubric ' + record.rubric);
          else records.push(record);
        } catch (error) {
          problems.push('line ' + (index + 1) + ' is not a JSON record');
        }
      });
      openChoices.hidden = true;
      if (!records.length) {
        openStatus.textContent = file.name + ' holds no record of this rubric (' + rubricId + ')' +
          (problems.length ? ': ' + problems.slice(0, 3).join('; ') : '') + '.';
        return;
      }
      if (records.length === 1) { amend(records[0]); return; }
      var list = openChoices.querySelector('ul');
      list.textContent = '';
      records.forEach(function (record) {
        var item = document.createElement('li');
        item.appendChild(button('Case ' + record['case'] + ', ' + record.auditor + ', ' +
                                (record.date || 'not started'), true,
                                function () { amend(record); }));
        list.appendChild(item);
      });
      openChoices.hidden = false;
      openStatus.textContent = file.name + ' holds ' + records.length + ' records of this rubric: choose one.';
      openChoices.querySelector('button').focus();
    };
    reader.readAsText(file);
    event.target.value = '';
  });

  // --------------------------------------------------------------- start

  showApplicable(currentValues());

  announceRecord();
  if (!window.indexedDB) {
    draftStatus.textContent = 'This browser keeps no drafts here: save the record before closing the page.';
    return;
  }
  var request = indexedDB.open('rubric-audit-forms', 1);
  request.onupgradeneeded = function () {
    request.result.createObjectStore(STORE, { keyPath: 'key' });
  };
  request.onerror = function () {
    draftStatus.textContent = 'This browser keeps no drafts here: save the record before closing the page.';
  };
  request.onsuccess = function () {
    database = request.result;
    if (keepWhenOpen) {
      keepWhenOpen = false;
      keepDraft();
    }
    listDrafts();
  };
}());
