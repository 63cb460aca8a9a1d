//! The page's state and its reducer. The simulation lives in an [`Engine`] behind
//! `Rc<RefCell<..>>` so a state change clones a few handles, not the cluster; a [`SimKey`]
//! tells components whether the cluster changed.
//!
//! Where the page starts (`State::init`): a share link (`#s=`) first, then a lesson named in the
//! address (`?lesson=` or `#lesson=`), then the saved session, then the first example. The
//! language comes from `lang=`, then the saved preference, then the browser's.
//!
//! No controller logic lives here: every change to the cluster is a core call (`apply`,
//! `perform`, `run_until`, `kubectl::console::run`, `lessons::check`).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;

use super::engine::{doc_text, Setup};
pub use super::engine::{Check, Engine, SimKey, Verdict};
use super::record::{self, Rec};
use super::storage::{self, Prefs, Saved};
use super::{presets, url, view};
use crate::api::{parse_duration, Duration, Node, Pod};
use crate::i18n::{t, tf, Key, Lang};
use crate::kubectl::console;
use crate::kubectl::console::{Follow, Polled};
use crate::lessons::{self, CheckReport, Lesson};
use crate::share::{self, ShareError, Shared};
use crate::sim::scenario::Action;

/// Play speeds: virtual seconds per wall-clock second.
pub const SPEEDS: [u32; 7] = [1, 2, 5, 10, 30, 60, 120];
pub const DEFAULT_SPEED: u32 = 10;
/// Console entries kept.
const KEEP_CONSOLE: usize = 60;
/// The longest wall-clock gap one frame may cover (a background tab resumes gently).
const MAX_FRAME_MS: f64 = 250.0;
/// Above this size the editor's text is validated once the typing pauses (`Msg::Recheck`),
/// not on every keystroke: a 130 KB manifest takes tens of milliseconds to check.
pub const LARGE_TEXT: usize = 16 * 1024;

thread_local! {
    static CATALOG: Rc<Vec<Rc<Lesson>>> = Rc::new(
        lessons::all().into_iter().filter_map(Result::ok).map(Rc::new).collect(),
    );
}

/// Every compiled-in lesson, in curriculum order (parsed once).
pub fn catalog() -> Rc<Vec<Rc<Lesson>>> {
    CATALOG.with(Rc::clone)
}

pub fn find_lesson(id: &str) -> Option<Rc<Lesson>> {
    catalog().iter().find(|l| l.id == id).cloned()
}

/// The manifest file of a lesson page: the newest one a step up to it names.
fn manifest_name(l: &Lesson, page: usize) -> &str {
    let mut name = &l.manifest;
    // The challenge (the page after the steps) starts from the lesson's own manifest, as its
    // "Start over" does, not from the last step's.
    if page >= l.steps.len() {
        return name;
    }
    for s in l.steps.iter().take(page + 1) {
        if let Some(m) = &s.manifest {
            name = m;
        }
    }
    name
}

/// The manifest the editor holds at a lesson page, as the page in `lang` shows it.
pub fn manifest_at(l: &Lesson, page: usize, lang: Lang) -> String {
    l.file(manifest_name(l, page), lang.code())
        .cloned()
        .unwrap_or_default()
}

/// `text` is the manifest of a lesson page, in either language (a switch of language does not
/// make it the learner's own).
pub fn holds_manifest_at(l: &Lesson, page: usize, text: &str) -> bool {
    let name = manifest_name(l, page);
    [Lang::En, Lang::Zh]
        .iter()
        .any(|lang| l.file(name, lang.code()).is_some_and(|f| f == text))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub tone: Tone,
    pub title: String,
    pub body: String,
    pub id: u64,
    /// Offer to restore the session a share link replaced.
    pub undo: bool,
    /// Offer the session another tab had saved, which this tab's save replaced (instead of
    /// `undo`'s kept sessions).
    pub other_tab: bool,
    /// The virtual instant it was said at.
    pub at: Duration,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleEntry {
    pub id: u64,
    pub at: Duration,
    pub command: String,
    pub output: String,
    pub error: bool,
    /// A `get -w`, `wait` or `logs -f` printing into this entry as time runs: what the page
    /// says about it ("watching", "waiting", "following").
    pub live: Option<Key>,
    /// Its watch ended because the cluster it watched was replaced (rewind, reset).
    pub rewound: bool,
    /// Not a command: a line saying this lesson opened here (what is above it ran in another
    /// cluster).
    pub lesson: Option<Rc<str>>,
    /// Not a command: a line saying the cluster restarted here (Reset, an example or a
    /// lesson's manifest loaded): what is above it ran in another cluster.
    pub restarted: bool,
}

/// The console's running `kubectl get -w` or `wait` and the entry it prints into. Shared, not
/// cloned with every state: a watch holds the objects it has seen.
pub struct LiveWatch {
    entry: u64,
    follow: Follow,
}

/// Lines a watching entry keeps (the oldest go first; a table keeps its header).
const KEEP_WATCH_LINES: usize = 1_000;

/// The most of one command's output the console shows: `get pods -o json` over 20 000 pods is
/// 150 MB, more than a page can hold (Chromium's renderer dies).
const MAX_OUTPUT: usize = 1 << 20;

/// `out`, cut at a line end before MAX_OUTPUT bytes, with a line saying so and how to ask for less.
fn cut_output(mut out: String, lang: Lang) -> String {
    if out.len() <= MAX_OUTPUT {
        return out;
    }
    let total = out.len();
    let mut end = MAX_OUTPUT;
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    let end = out[..end].rfind('\n').map_or(end, |i| i + 1);
    out.truncate(end);
    let mb = |n: usize| format!("{:.1}", n as f64 / (1 << 20) as f64);
    out.push_str(&tf(Key::OutputCut, lang, &[&mb(end), &mb(total)]));
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Pod(String),
    Node(String),
}

/// The open lesson and the page shown: its steps, then the challenge (`page == steps.len()`).
#[derive(Clone)]
pub struct Open {
    pub lesson: Rc<Lesson>,
    pub page: usize,
    /// The lesson manifest the cluster was last started from (edits applied since are edits
    /// of it): a page whose own manifest is another one is not loaded yet.
    pub origin: Rc<str>,
}

/// Lessons are parsed once (`catalog`): the same lesson is the same `Rc`.
impl PartialEq for Open {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.lesson, &o.lesson) && self.page == o.page && self.origin == o.origin
    }
}

impl Open {
    pub fn pages(&self) -> usize {
        self.lesson.steps.len() + 1
    }
    pub fn on_challenge(&self) -> bool {
        self.page >= self.lesson.steps.len()
    }
}

/// The outcome of "Check my solution".
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub lesson: String,
    /// The editor revision that was checked (a later edit makes the result stale).
    pub text_rev: u64,
    pub report: CheckReport,
    /// Which check this is (1, 2…): the page says it, so a repeated verdict is heard again.
    pub run: u32,
}

pub enum Msg {
    Edit(String),
    /// The typing paused: validate the text if the last edit was not (a large text).
    Recheck,
    Apply,
    Reset,
    Preset(String),
    Seek(Duration),
    Frame(f64),
    Step,
    StepBack,
    TogglePlay,
    Speed(u32),
    Faster,
    Slower,
    Rewind,
    Do(Action),
    Console(String),
    ClearConsole,
    /// Ctrl+C or Stop on a running `kubectl get -w`.
    StopWatch,
    Select(Option<Selection>),
    Help(bool),
    ToggleHelp,
    /// Space: play or pause, but at the end of the run it does not replay (the button does).
    PlayKey,
    /// Help's switch: the single-character shortcuts on or off.
    LetterKeys(bool),
    LoopFilter(String),
    /// Walk the controller loop's recorded steps at this instant: -1 back, +1 on (past the
    /// newest: live again), 0 to the instant's first step; `LoopLive` leaves the walk.
    LoopStep(i8),
    LoopLive,
    DismissNotice,
    /// Forget everything saved and start from the default manifest.
    Forget,
    SetLang(Lang),
    TogglePresenter,
    ToggleEditor,
    ToggleLoopBig,
    Lessons(bool),
    OpenLesson(String),
    CloseLesson,
    Page(usize),
    NextPage,
    PrevPage,
    /// Load a file of the open lesson into the editor and restart the cluster from it.
    LoadLessonFile(String),
    /// Run (or replay) to this instant.
    RunTo(Duration),
    /// Put a command into the console's input line (not run).
    TryKubectl(String),
    CheckSolution,
    /// The page is going away or out of sight (pagehide, visibilitychange): save the instant,
    /// which frames of play do not.
    SaveNow,
    Share,
    CloseShare,
    RestorePrevious,
    /// Swap in the session another tab had saved (`storage::take_other`).
    RestoreOther,
    /// Another tab saved the lesson progress (a `storage` event).
    ProgressChanged,
    /// Escape: close whatever is open.
    Escape,
}

#[derive(Clone)]
pub struct State {
    pub engine: Rc<RefCell<Engine>>,
    /// The editor's text (valid or not).
    pub text: Rc<str>,
    /// Bumped on every edit.
    pub text_rev: u64,
    /// The `text_rev` that `check` describes (the validation panel shows it, so tests can
    /// wait for it); behind `text_rev` while a large text waits for a pause in the typing.
    pub check_rev: u64,
    /// Bumped when the editor's text is replaced by a load (an example, a lesson page, a
    /// restored session), not by typing: the editor then shows the new text from its top.
    pub text_loads: u64,
    /// The last save did not fit in the browser's storage (and the user was told).
    pub save_refused: bool,
    /// The page has no storage at all (a third-party iframe with its storage blocked): said
    /// once at start-up, not on every save.
    pub no_storage: bool,
    /// A session is kept aside: the top bar offers it back for as long as it is.
    pub kept_aside: bool,
    /// Another tab's session this tab saved over is kept (`storage::take_other` swaps it in).
    pub other_kept: bool,
    /// The mark (`persist::fingerprint`) of the session as a share link opened it: while it
    /// still matches, the session is the link's, not the user's work.
    pub link: Option<u64>,
    /// Recorded actions of the last restored session (saved or shared) that could not be read
    /// or came out of order, and were left out.
    pub dropped_actions: usize,
    pub check: Rc<Check>,
    /// The text last sent to the cluster (reset or applied): the editor is "edited" when not.
    pub applied_text: Rc<str>,
    pub at: Duration,
    pub horizon: Duration,
    pub key: SimKey,
    pub playing: bool,
    pub speed: u32,
    pub notice: Option<Rc<Notice>>,
    pub console: Rc<Vec<ConsoleEntry>>,
    /// The console's command history (↑/↓): `clear` empties the output, not this.
    pub history: Rc<Vec<String>>,
    pub selected: Option<Selection>,
    pub help: bool,
    pub loop_filter: Rc<str>,
    /// The loop step shown while walking the loop (an index into the recorded steps), with the
    /// cluster it was chosen in: once anything changes (the clock runs, an Apply, a fault),
    /// the loop shows the present again.
    pub loop_cursor: Option<(usize, SimKey)>,
    pub preset: Rc<str>,
    pub lang: Lang,
    /// Classroom mode: large type, high contrast.
    pub presenter: bool,
    pub editor_hidden: bool,
    /// The single-character shortcuts are off (Help's switch, saved with the preferences).
    pub letter_keys_off: bool,
    /// The controller-loop panel enlarged over the page.
    pub loop_big: bool,
    /// The compact view for an iframe (`embed=1`): nothing is saved.
    pub embed: bool,
    /// The lesson list dialog.
    pub lessons_dialog: bool,
    pub open: Option<Open>,
    pub checked: Option<Rc<Checked>>,
    /// Lessons whose challenge was passed.
    pub progress: Rc<BTreeSet<String>>,
    /// The share dialog's link.
    pub share_link: Option<Rc<str>>,
    /// A command for the console's input line, with a sequence number (each request fills it).
    pub console_fill: Option<(u64, Rc<str>)>,
    /// The console's `get -w`, if one runs.
    pub watch: Rc<RefCell<Option<LiveWatch>>>,
    /// Rewind counter (a new `epoch` means a replayed cluster).
    epoch: u64,
    seq: u64,
}

impl State {
    fn blank(lang: Lang, embed: bool) -> State {
        let epoch = 1;
        let default = presets::DEFAULT.text(lang);
        let engine = match Engine::load(
            &default,
            epoch,
            Setup {
                seed: share::DEFAULT_SEED,
                lesson: None,
            },
        ) {
            Ok(l) => l.engine,
            // The compiled-in example is valid (the core's tests check it).
            Err(_) => Engine::empty(epoch),
        };
        let check = Check::new(&default, &engine.sim);
        State {
            at: engine.at(),
            horizon: engine.horizon,
            key: engine.key(),
            engine: Rc::new(RefCell::new(engine)),
            applied_text: default.as_ref().into(),
            text: default.as_ref().into(),
            text_rev: 0,
            check_rev: 0,
            text_loads: 0,
            save_refused: false,
            no_storage: false,
            kept_aside: false,
            other_kept: false,
            link: None,
            dropped_actions: 0,
            check: Rc::new(check),
            playing: false,
            speed: DEFAULT_SPEED,
            notice: None,
            console: Rc::new(Vec::new()),
            history: Rc::new(Vec::new()),
            selected: None,
            help: false,
            loop_filter: "auto".into(),
            loop_cursor: None,
            preset: presets::DEFAULT.id.into(),
            lang,
            presenter: false,
            editor_hidden: false,
            letter_keys_off: false,
            loop_big: false,
            embed,
            lessons_dialog: false,
            open: None,
            checked: None,
            progress: Rc::new(if embed {
                BTreeSet::new()
            } else {
                storage::load_progress()
            }),
            share_link: None,
            console_fill: None,
            watch: Rc::new(RefCell::new(None)),
            epoch,
            seq: 0,
        }
    }

    /// The starting state, from the address, the saved session and the preferences.
    pub fn init() -> State {
        let params = url::params();
        let embed = params.embed;
        let prefs = if embed {
            Prefs::default()
        } else {
            storage::load_prefs()
        };
        let url_lang = params.lang.as_deref().and_then(Lang::parse);
        let lang = url_lang
            .or_else(|| Lang::parse(&prefs.lang))
            .or_else(url::browser_lang)
            .unwrap_or_default();
        let mut s = State::blank(lang, embed);
        s.presenter = !embed && (params.present || prefs.presenter);
        s.editor_hidden = !embed && prefs.editor_hidden;
        s.letter_keys_off = prefs.letter_keys_off;
        let loaded = if embed { None } else { storage::load() };
        let partial = loaded.as_ref().is_some_and(|(_, lossy)| *lossy);
        let saved = loaded.map(|(sv, _)| sv);
        // A session that does not read, or reads only in part, is kept aside, not silently
        // saved over.
        let unreadable = !embed && saved.is_none() && storage::unreadable();
        if unreadable || partial {
            storage::backup();
        }
        let restore_saved = |s: &mut State| {
            if let Some(sv) = &saved {
                if s.restore(sv).is_err() {
                    // Its run manifest is refused now (a check tightened since it was saved):
                    // its text stays in the editor with the errors marked, so what the user
                    // wrote is not lost when this start is saved over it.
                    // The whole session (its run and recorded actions) is kept aside first,
                    // not saved over.
                    if !unreadable && !partial {
                        storage::backup();
                    }
                    s.load_text(sv.editor_text());
                    s.reset_to("", true);
                    s.recheck();
                    s.say(
                        Tone::Error,
                        t(Key::NoticeSessionLost, s.lang),
                        tf(
                            Key::NoticeSessionKeptAside,
                            s.lang,
                            &[&sv.actions.len().to_string()],
                        ),
                    );
                } else if let Some(d) = s.dropped_note() {
                    s.say(Tone::Error, t(Key::NoticeActionsDropped, s.lang), d);
                } else {
                    s.said_stopped_short();
                }
            }
        };
        if let Some(payload) = &params.share {
            match share::decode(payload) {
                Ok(sh) => {
                    if url_lang.is_none() {
                        if let Some(l) = sh.lang.as_deref().and_then(Lang::parse) {
                            s.lang = l;
                        }
                    }
                    let unknown = sh.lesson.as_ref().filter(|id| find_lesson(id).is_none());
                    let unknown = unknown.cloned();
                    let sv = saved_from_shared(sh);
                    // The session the link replaces is kept aside when it is the user's work:
                    // not an untouched example or lesson page, nor another link's session
                    // unchanged.
                    let kept = !embed
                        && saved.as_ref().is_some_and(|sv| {
                            let l = sv.lesson.as_deref().and_then(find_lesson);
                            let at = l.as_deref().map(|l| (l, sv.page, None));
                            !sv.unedited_link() && own_work_in(at, &sv.text, !sv.actions.is_empty())
                        });
                    if s.restore(&sv).is_ok() {
                        s.link = Some(s.session().fingerprint());
                        if kept {
                            storage::backup();
                        }
                        let at = view::clock(s.engine.borrow().at());
                        let stopped = s.stopped_short_note();
                        let backup = if !kept {
                            String::new()
                        } else {
                            t(Key::NoticeShareBackup, s.lang).to_string()
                        };
                        let body = match &stopped {
                            Some(note) if backup.is_empty() => note.clone(),
                            Some(note) => format!("{note} {backup}"),
                            None => backup,
                        };
                        let (tone, body) = match s.dropped_note() {
                            Some(d) => (Tone::Error, format!("{d} {body}")),
                            None if stopped.is_some() => (Tone::Info, body),
                            None => (Tone::Ok, body),
                        };
                        s.say(tone, tf(Key::NoticeShareOpened, s.lang, &[&at]), body);
                        if let Some(n) = s.notice.as_mut() {
                            Rc::make_mut(n).undo = kept;
                        }
                        if let Some(id) = unknown {
                            s.say(
                                Tone::Error,
                                tf(Key::NoticeNoLesson, s.lang, &[&id]),
                                String::new(),
                            );
                        }
                    } else {
                        restore_saved(&mut s);
                        s.say(
                            Tone::Error,
                            t(Key::NoticeShareBad, s.lang),
                            t(Key::ShareErrManifest, s.lang).to_string(),
                        );
                    }
                }
                Err(e) => {
                    restore_saved(&mut s);
                    let why = share_error(&e, s.lang);
                    s.say(Tone::Error, t(Key::NoticeShareBad, s.lang), why);
                }
            }
            if !embed {
                url::drop_fragment();
            }
        } else if let Some(id) = &params.lesson {
            match find_lesson(id) {
                Some(l) => {
                    let same = saved
                        .as_ref()
                        .is_some_and(|sv| sv.lesson.as_ref() == Some(id));
                    if same {
                        restore_saved(&mut s);
                    }
                    // A link to another page of the saved lesson whose manifest differs opens
                    // that page afresh; the same page (a reload) keeps the session.
                    let other_manifest = params.step.is_some_and(|p| {
                        s.open.as_ref().is_some_and(|o| {
                            manifest_at(&o.lesson, p, Lang::En)
                                != manifest_at(&o.lesson, o.page, Lang::En)
                        })
                    });
                    if s.open.as_ref().map(|o| &o.lesson.id) != Some(id) || other_manifest {
                        s.open_lesson(l, params.step.unwrap_or(0));
                        s.notice = None;
                        // A lesson link replaces the user's own work (outside a lesson, or
                        // an edit or recorded actions in one): it is kept aside, with the
                        // offer to bring it back.
                        let own = !embed
                            && saved.as_ref().is_some_and(|sv| {
                                let l = sv.lesson.as_deref().and_then(find_lesson);
                                let at = l.as_deref().map(|l| (l, sv.page, None));
                                !sv.unedited_link()
                                    && own_work_in(at, &sv.text, !sv.actions.is_empty())
                            });
                        if own {
                            storage::backup();
                            s.offer_restore(Key::NoticeLessonOpened);
                        }
                    } else if let (Some(p), Some(o)) = (params.step, s.open.as_mut()) {
                        o.page = p.min(o.lesson.steps.len());
                    }
                }
                None => {
                    restore_saved(&mut s);
                    s.say(
                        Tone::Error,
                        tf(Key::NoticeNoLesson, s.lang, &[id]),
                        String::new(),
                    );
                }
            }
        } else {
            restore_saved(&mut s);
        }
        // A session saved in the other language (`&lang=zh` on a link, a browser now set to
        // another language) shows its untouched example or lesson manifest in this one.
        let lang = s.lang;
        for other in Lang::ALL.into_iter().filter(|l| *l != lang) {
            s.speak_text_in(other, lang);
        }
        // at=: the clock where the link says (a lesson page's own Run-to time for `at=run`).
        let at = match params.at {
            Some(share::OpenAt::Time(d)) => Some(d),
            Some(share::OpenAt::Run) => s
                .open
                .as_ref()
                .and_then(|o| o.lesson.steps.get(o.page))
                .and_then(run_of),
            None => None,
        };
        if let Some(d) = at {
            s.run_to(d);
        }
        let mut ignored = params.ignored.clone();
        if params.at == Some(share::OpenAt::Run) && at.is_none() {
            ignored.push("at=run".into());
        }
        // A shared state names its own lesson and page: the link's are not used, and said so.
        if params.share.is_some() {
            let open = s.open.as_ref().map(|o| (o.lesson.id.as_str(), o.page));
            let other_lesson = params
                .lesson
                .as_deref()
                .filter(|id| open.map(|o| o.0) != Some(*id));
            let other_step = params.step.filter(|p| open.map(|o| o.1) != Some(*p));
            ignored.extend(other_lesson.map(|id| format!("lesson={id}")));
            ignored.extend(other_step.map(|p| format!("step={}", p + 1)));
        }
        // A page past the lesson's last (its challenge), or with no lesson to page through.
        if let (Some(p), None) = (params.step, &params.share) {
            let pages = s.open.as_ref().map(|o| o.lesson.steps.len() + 1);
            if pages.is_none_or(|n| p >= n) {
                ignored.push(format!("step={}", p + 1));
            }
        }
        if !ignored.is_empty() {
            // Said, not dropped silently: a course page's link with a typo (`at=2d`,
            // `step=0`) would otherwise open somewhere else with no hint why.
            let title = tf(Key::NoticeLinkIgnored, s.lang, &[&ignored.join(", ")]);
            let help = t(Key::LinkParamsHelp, s.lang);
            match s.notice.as_mut() {
                Some(n) => {
                    let n = Rc::make_mut(n);
                    n.body = [n.body.as_str(), &title, help]
                        .iter()
                        .filter(|x| !x.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join("\n");
                }
                None => s.say(Tone::Error, title, help.to_string()),
            }
        }
        if params.autoplay {
            s.playing = true;
        }
        if embed {
            s.notice = s.notice.filter(|n| n.tone == Tone::Error);
        }
        if (unreadable || partial) && s.notice.is_none() {
            let key = match partial {
                true => Key::NoticeSessionPartial,
                false => Key::NoticeSessionUnreadable,
            };
            s.say(Tone::Error, t(key, s.lang), String::new());
        }
        s.sync();
        // What a link opened is the session now (its fragment is gone from the address).
        s.save_refused = !s.save().stored;
        s.no_storage = !embed && !storage::available();
        if s.no_storage {
            // Said once, plainly: no save will ever work here (not a quota to make room in).
            let body = match url::in_frame() {
                true => t(Key::NoStorageInFrame, s.lang).to_string(),
                false => String::new(),
            };
            s.say(Tone::Error, t(Key::NoticeNoStorage, s.lang), body);
        } else if s.save_refused && s.notice.as_ref().is_none_or(|n| n.tone != Tone::Error) {
            s.say(Tone::Error, t(Key::NoticeNotSaved, s.lang), String::new());
        }
        s.kept_aside = !embed && storage::has_previous();
        s.other_kept = !embed && storage::has_other();
        s
    }

    /// "Run to": shows this page's scenario at `d`; a page whose manifest is not the one
    /// running loads it first.
    fn run_to(&mut self, d: Duration) {
        let due = self
            .open
            .as_ref()
            .filter(|o| !holds_manifest_at(&o.lesson, o.page, &o.origin))
            .map(|o| manifest_at(&o.lesson, o.page, self.lang));
        if let Some(yaml) = due {
            self.load_lesson_manifest(&yaml, true);
        }
        self.playing = false;
        self.seek(d);
        let mut e = self.engine.borrow_mut();
        if e.at() > e.horizon {
            e.compute_horizon();
        }
    }

    /// Restores a session (saved or shared). Err: its run manifest does not load.
    fn restore(&mut self, sv: &Saved) -> Result<(), ()> {
        let lesson = sv.lesson.as_deref().and_then(find_lesson);
        self.epoch += 1;
        let setup = Setup {
            seed: sv.seed,
            lesson: lesson.as_deref(),
        };
        let mut engine = Engine::load(&sv.run, self.epoch, setup)
            .map_err(|_| ())?
            .engine;
        engine.actions = record::restore(&sv.actions);
        self.dropped_actions = sv.actions.len() - engine.actions.len();
        let mut epoch = self.epoch;
        engine.seek(
            Duration::from_millis(sv.at_ms.clamp(0, share::MAX_AT_MS)),
            &mut epoch,
        );
        self.epoch = epoch;
        engine.compute_horizon();
        // A run that never ends draws its timeline to where its window had got (from where
        // the clock stood when it was last extended): the same end, so the same marks, after
        // a reload or through a link, not one 15 min past wherever the clock was left.
        let drawn = Duration::from_millis(sv.end_ms.clamp(0, 2 * share::MAX_AT_MS));
        if engine.open_ended && sv.end_ms > 0 && drawn >= engine.at() {
            engine.horizon = drawn;
        }
        *self.engine.borrow_mut() = engine;
        self.text = sv.editor_text().into();
        self.link = sv.link;
        self.text_rev += 1;
        self.text_loads += 1;
        self.applied_text = if sv.applied.is_empty() {
            sv.run.as_str().into()
        } else {
            sv.applied.as_str().into()
        };
        self.speed = if SPEEDS.contains(&sv.speed) {
            sv.speed
        } else {
            DEFAULT_SPEED
        };
        self.preset = sv.preset.as_str().into();
        let lang = self.lang;
        let text = self.text.clone();
        self.open = lesson.map(|l| {
            let page = sv.page.min(l.steps.len());
            Open {
                origin: match holds_manifest_at(&l, page, &text) {
                    true => text,
                    false => manifest_at(&l, page, lang).into(),
                },
                page,
                lesson: l,
            }
        });
        self.checked = None;
        self.selected = None;
        self.playing = false;
        self.recheck();
        self.sync();
        Ok(())
    }

    /// No manifest was accepted since the cluster started (a lesson page about an error, a
    /// saved session refused on load): a refused text then created nothing.
    pub fn nothing_applied(&self) -> bool {
        self.applied_text.trim().is_empty()
    }

    /// The editor holds the user's own work: a manifest that is no example's, or recorded
    /// actions on an example's run.
    fn own_work(&self) -> bool {
        own_work(&self.text, !self.engine.borrow().actions.is_empty())
    }

    /// Says `title` with the offer to bring back the session just kept aside
    /// (`storage::backup`).
    fn offer_restore(&mut self, title: Key) {
        self.say(
            Tone::Ok,
            t(title, self.lang),
            t(Key::NoticePresetBackup, self.lang).to_string(),
        );
        self.offer_undo();
    }

    /// Gives the current notice its button bringing back the session kept aside (not in an
    /// embed, which keeps nothing).
    /// The notice offers the other tab's session (see `Notice::other_tab`); it stays, as an
    /// offer to restore does.
    fn offer_other(&mut self) {
        let offer = !self.embed && storage::has_other();
        if let Some(n) = self.notice.as_mut() {
            let n = Rc::make_mut(n);
            n.other_tab = offer;
            n.undo = false;
        }
    }

    fn offer_undo(&mut self) {
        let undo = !self.embed;
        if let Some(n) = self.notice.as_mut() {
            Rc::make_mut(n).undo = undo;
        }
    }

    /// A plain confirmation ("job.batch/pi unchanged") is about its moment: it goes on a page
    /// turn, and on a rewind to before it was said (`to`). Warnings, errors and offers stay.
    fn drop_stale_notice(&mut self, to: Option<Duration>) {
        let stale = self.notice.as_ref().is_some_and(|n| {
            matches!(n.tone, Tone::Ok) && !n.undo && !n.other_tab && to.is_none_or(|to| to < n.at)
        });
        if stale {
            self.notice = None;
        }
    }

    /// A jump that ran out of its time budget says where it stopped, and how to go on.
    fn said_stopped_short(&mut self) {
        if let Some(body) = self.stopped_short_note() {
            self.say(Tone::Info, t(Key::JumpStopped, self.lang), body);
        }
    }

    /// How many recorded actions the restored session lost, as a sentence (None: none).
    fn dropped_note(&self) -> Option<String> {
        let n = self.dropped_actions;
        (n > 0).then(|| tf(Key::ActionsDroppedBody, self.lang, &[&n]))
    }

    /// Where the last jump stopped short of its instant, as a sentence (None: it got there).
    fn stopped_short_note(&mut self) -> Option<String> {
        let wanted = self.engine.borrow_mut().stopped_short.take()?;
        let (start, at) = {
            let e = self.engine.borrow();
            (e.start(), e.sim.now())
        };
        self.playing = false;
        Some(tf(
            Key::JumpStoppedBody,
            self.lang,
            &[&view::clock(wanted - start), &view::clock(at - start)],
        ))
    }

    fn say(&mut self, tone: Tone, title: impl Into<String>, body: String) {
        self.seq += 1;
        self.notice = Some(Rc::new(Notice {
            tone,
            title: title.into(),
            body,
            id: self.seq,
            undo: false,
            other_tab: false,
            // The engine's clock (a reset has just moved it); `at` until the next sync.
            at: self.engine.try_borrow().map_or(self.at, |e| e.at()),
        }));
    }

    /// Copies the engine's time and key into the state (after any engine change).
    fn sync(&mut self) {
        self.poll_watch();
        let e = self.engine.borrow();
        self.at = e.at();
        self.horizon = e.horizon.max(self.at);
        self.key = e.key();
        // A passing remark ("cluster restarted", "nothing more is due", "node/x tainted") is
        // about its moment: it goes once the clock has moved on a minute, or back before it.
        // Errors and the offer to restore a session stay until dismissed.
        let stale = self.notice.as_ref().is_some_and(|n| {
            n.tone != Tone::Error
                && !n.undo
                && !n.other_tab
                && (self.at < n.at || self.at.0 > n.at.0.saturating_add(60_000))
        });
        if stale {
            self.notice = None;
        }
    }

    fn recheck(&mut self) {
        let e = self.engine.borrow();
        self.check = Rc::new(Check::new(&self.text, &e.sim));
        self.check_rev = self.text_rev;
    }

    /// Saves the session (not in an embed, which writes nothing).
    fn save(&self) -> storage::Outcome {
        if self.embed {
            return storage::Outcome {
                stored: true,
                kept_other: false,
            };
        }
        storage::save(&self.session())
    }

    /// The session as it is saved.
    fn session(&self) -> Saved {
        let e = self.engine.borrow();
        Saved {
            text: self.text.to_string(),
            run: e.run_yaml.clone(),
            actions: e.entries(),
            at_ms: e.at().0,
            end_ms: e.horizon.0,
            speed: self.speed,
            preset: self.preset.to_string(),
            applied: self.applied_text.to_string(),
            lesson: self.open.as_ref().map(|o| o.lesson.id.clone()),
            page: self.open.as_ref().map_or(0, |o| o.page),
            seed: e.seed,
            link: self.link,
        }
    }

    /// An example or a lesson page's manifest as loaded (untouched) speaks the page's
    /// language: its comments in `from` are swapped for those in `to` (a lesson's `.zh.yaml`
    /// differs only in comments); the objects, and the run, are the same. True if swapped.
    fn speak_text_in(&mut self, from: Lang, to: Lang) -> bool {
        let texts = match (&self.open, presets::find(&self.preset)) {
            (Some(o), _) => Some((
                manifest_at(&o.lesson, o.page, from),
                manifest_at(&o.lesson, o.page, to),
            )),
            (None, Some(p)) => Some((p.text(from).into_owned(), p.text(to).into_owned())),
            (None, None) => None,
        };
        let Some((was, now)) = texts else {
            return false;
        };
        if *self.text != *was || was == now {
            return false;
        }
        if *self.applied_text == *was {
            self.applied_text = now.as_str().into();
        }
        {
            let mut e = self.engine.borrow_mut();
            if e.run_yaml == *was {
                e.run_yaml = now.to_string();
            }
        }
        self.load_text(&now);
        self.recheck();
        true
    }

    /// The session is a share link's, unchanged since it was opened: not the user's work, so
    /// what replaces it need not keep it aside (two links in a row must not push the user's
    /// own session out of the two kept aside).
    fn unedited_link(&self) -> bool {
        self.link.is_some() && self.session().unedited_link()
    }

    fn save_prefs(&self) {
        if !self.embed {
            storage::save_prefs(&Prefs {
                lang: self.lang.code().into(),
                presenter: self.presenter,
                editor_hidden: self.editor_hidden,
                letter_keys_off: self.letter_keys_off,
            });
        }
    }

    fn seek(&mut self, to: Duration) {
        let mut epoch = self.epoch;
        let changed = self.engine.borrow_mut().seek(to, &mut epoch);
        self.epoch = epoch;
        self.drop_stale_notice(Some(to));
        self.said_stopped_short();
        // What Apply would change depends on the objects at the new instant (a rewind can go
        // back before an earlier Apply).
        if changed {
            self.recheck();
        }
    }

    /// Restarts the cluster from `yaml` at t=0 (with the open lesson's setup). `quiet`: no
    /// notice when it works.
    fn reset_to(&mut self, yaml: &str, quiet: bool) {
        self.epoch += 1;
        let seed = self.engine.borrow().seed;
        let lesson = self.open.as_ref().map(|o| o.lesson.clone());
        let setup = Setup {
            seed,
            lesson: lesson.as_deref(),
        };
        match Engine::load(yaml, self.epoch, setup) {
            Ok(l) => {
                *self.engine.borrow_mut() = l.engine;
                self.mark_new_cluster();
                self.applied_text = yaml.into();
                self.playing = false;
                self.selected = None;
                let mut body = l.applied.join("\n");
                for e in &l.errors {
                    body.push('\n');
                    body.push_str(e);
                }
                let title = match l.apply_at {
                    Some(at) => tf(Key::NoticeRestartedApplyAt, self.lang, &[&view::clock(at)]),
                    None => t(Key::NoticeRestarted, self.lang).to_string(),
                };
                if !l.errors.is_empty() {
                    self.say(Tone::Error, title, body);
                } else if !quiet {
                    self.say(Tone::Ok, title, body);
                }
            }
            Err(errs) => self.say(
                Tone::Error,
                tf(
                    Key::NoticeResetInvalid,
                    self.lang,
                    &[&super::view::count_errors(errs.len(), self.lang)],
                ),
                String::new(),
            ),
        }
    }

    fn set_text(&mut self, text: &str) {
        self.text = text.into();
        self.text_rev += 1;
    }

    /// Replaces the editor's text with a loaded one.
    fn load_text(&mut self, text: &str) {
        self.set_text(text);
        self.text_loads += 1;
    }

    /// Records an action; says so when it discards later ones. Returns how many it discarded.
    fn record(&mut self, rec: Rec) -> usize {
        let label = record::label(&rec.action, self.lang);
        let dropped = self.engine.borrow_mut().record(rec);
        if dropped > 0 {
            // The session as saved before this action still holds the discarded ones: kept
            // aside, one click brings the old timeline back (a teacher's prepared demo).
            if !self.embed {
                storage::backup();
            }
            self.say(
                Tone::Info,
                tf(Key::NoticeRecorded, self.lang, &[&label]),
                tf(Key::NoticeBranch, self.lang, &[&dropped]),
            );
            self.offer_undo();
        }
        dropped
    }

    fn store_version(&self) -> u64 {
        self.engine.borrow().sim.cluster.store.resource_version()
    }

    /// A node action that wrote nothing (cordoning a cordoned node, draining a drained one,
    /// a label it already has): nothing to replay, so no mark on the timeline. Other actions
    /// act through the kubelet or the controller manager and are always recorded.
    fn no_op(&self, action: &Action, before: u64) -> bool {
        // Several nodes already so (cordon.go UpdateIfRequired sends nothing).
        if matches!(action, Action::Apply(objs) if objs.is_empty()) {
            return true;
        }
        matches!(
            action,
            Action::Cordon(_)
                | Action::Uncordon(_)
                | Action::Drain(_)
                | Action::DrainGrace(..)
                | Action::TaintNode { .. }
                | Action::UntaintNode { .. }
                | Action::LabelNode { .. }
                | Action::LabelPod { .. }
        ) && self.store_version() == before
    }

    /// `kubectl apply` of the editor's text to the running cluster.
    fn apply(&mut self) {
        // Judged now, against the objects of this instant (time may have run since the last
        // check: a Job started, a CronJob made one), and a large text not yet validated.
        self.recheck();
        let check = self.check.clone();
        if !check.valid() {
            self.say(
                Tone::Error,
                tf(
                    Key::NoticeApplyInvalid,
                    self.lang,
                    &[&super::view::count_errors(check.errors.len(), self.lang)],
                ),
                // The first error, said (the editor marks them all at their lines).
                check
                    .errors
                    .first()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            );
            return;
        }
        if check.parsed.is_empty() {
            // kubectl's own words.
            self.say(
                Tone::Error,
                "error: no objects passed to apply",
                String::new(),
            );
            return;
        }
        // The preview's verdicts: a document refused (by the live object, or by an earlier
        // document of the same kind and name) is left out; the rest are applied in turn, as
        // kubectl apply (apply.go Run) does, printing `created` before the refusal.
        let mut refusals = Vec::new();
        let mut objs = Vec::new();
        let mut kept = Vec::new();
        for (i, (p, d)) in check.parsed.iter().zip(check.docs.iter()).enumerate() {
            if let Verdict::Refused { message, errors } = &d.verdict {
                if crate::manifest::refuses_job_template_change(d.kind, errors) {
                    refusals.push(tf(Key::JobTemplateImmutable, self.lang, &[&d.name]));
                }
                refusals.push(message.clone());
                continue;
            }
            objs.push(p.object.clone());
            kept.push(i);
        }
        let mut lines = Vec::new();
        let mut failed = !refusals.is_empty();
        let mut dropped = 0;
        if !objs.is_empty() {
            let yaml = if kept.len() == check.parsed.len() {
                self.text.to_string()
            } else {
                kept.iter()
                    .map(|&i| doc_text(&self.text, &check.parsed, i))
                    .collect::<Vec<_>>()
                    .join("---\n")
            };
            let action = Action::Apply(objs);
            let at = self.at;
            let result = self.engine.borrow_mut().sim.perform(&action);
            let changed = match &result {
                Ok(out) => {
                    // The API server's warnings on create come first, as kubectl prints them.
                    // The preview already holds each document's warnings.
                    for &i in &kept {
                        let Some(d) = check.docs.get(i) else { continue };
                        let created = format!(
                            "{}/{} created",
                            crate::sim::kubectl_resource(d.kind),
                            d.name
                        );
                        if out.lines().any(|l| l == created) {
                            lines.extend(d.warnings.iter().map(|w| format!("Warning: {w}")));
                        }
                    }
                    lines.extend(out.lines().map(String::from));
                    out.lines().any(|l| !l.ends_with(" unchanged"))
                }
                Err(e) => {
                    failed = true;
                    lines.push(format!("error: {e}"));
                    true
                }
            };
            if changed {
                dropped = self.record(Rec::new(at, action, Some(&yaml)));
            }
        }
        lines.extend(refusals);
        if !failed {
            self.applied_text = self.text.clone();
        }
        let tone = if failed { Tone::Error } else { Tone::Ok };
        let title = if failed {
            t(Key::NoticeApplyRefused, self.lang)
        } else {
            "kubectl apply"
        };
        // An apply after a rewind branches the timeline like any action: say what it dropped
        // (kept aside, the notice's button brings it back).
        if dropped > 0 {
            lines.push(tf(Key::NoticeBranch, self.lang, &[&dropped]));
        }
        self.say(tone, title, lines.join("\n"));
        if dropped > 0 {
            self.offer_undo();
        }
        self.recheck();
    }

    fn perform(&mut self, action: Action) {
        let at = self.at;
        let before = self.store_version();
        let result = self.engine.borrow_mut().sim.perform(&action);
        match result {
            Ok(out) => {
                let label = record::label(&action, self.lang);
                self.say(
                    Tone::Ok,
                    format!("t={} {label}", view::clock_exact(at)),
                    record::notice_body(&action, out, self.lang),
                );
                if !self.no_op(&action, before) {
                    self.record(Rec::new(at, action, None));
                }
                if let Some(Selection::Pod(p)) | Some(Selection::Node(p)) = &self.selected {
                    let gone = {
                        let e = self.engine.borrow();
                        !e.sim.cluster.store.contains::<Pod>(p)
                            && !e.sim.cluster.store.contains::<Node>(p)
                    };
                    if gone {
                        self.selected = None;
                    }
                }
            }
            Err(e) => self.say(Tone::Error, format!("error: {e}"), String::new()),
        }
        self.recheck();
    }

    /// Edits one console entry (copy on write: entries are shared with the view).
    fn edit_entry(&mut self, id: u64, f: impl FnOnce(&mut ConsoleEntry)) {
        if let Some(i) = self.console.iter().position(|e| e.id == id) {
            let mut entries = (*self.console).clone();
            f(&mut entries[i]);
            self.console = Rc::new(entries);
        }
    }

    /// Prints what the watch saw since the last poll; ends it if its cluster was replaced.
    fn poll_watch(&mut self) {
        let polled = {
            let mut slot = self.watch.borrow_mut();
            let Some(live) = slot.as_mut() else {
                return;
            };
            let out = live.follow.poll(&mut self.engine.borrow_mut().sim);
            let (id, table) = (live.entry, live.follow.is_table());
            if !matches!(out, Polled::More(_)) {
                *slot = None;
            }
            (id, table, out)
        };
        match polled {
            (_, _, Polled::More(text)) if text.is_empty() => {}
            (id, table, Polled::More(text)) => self.edit_entry(id, |e| {
                e.output.push_str(&text);
                keep_last_lines(&mut e.output, KEEP_WATCH_LINES, table);
            }),
            (id, _, Polled::Done(text, error)) => self.edit_entry(id, |e| {
                e.output.push_str(&text);
                e.live = None;
                e.error |= error;
            }),
            (id, _, Polled::Gone) => self.edit_entry(id, |e| {
                e.live = None;
                e.rewound = true;
            }),
        }
    }

    /// Ends the console's watch (a new command, Ctrl+C, Stop, Clear). `interrupted`: print
    /// `^C` as a terminal does.
    fn stop_watch(&mut self, interrupted: bool) {
        let Some(live) = self.watch.borrow_mut().take() else {
            return;
        };
        live.follow.stop(&mut self.engine.borrow_mut().sim);
        self.edit_entry(live.entry, |e| {
            e.live = None;
            if interrupted {
                e.output.push_str("^C");
            }
        });
    }

    /// Adds a command line to the console's history (not twice in a row; the last 200).
    fn remember(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() || self.history.last().is_some_and(|l| l == line) {
            return;
        }
        let h = Rc::make_mut(&mut self.history);
        h.push(line.to_string());
        if h.len() > 200 {
            h.remove(0);
        }
    }

    fn console(&mut self, line: String) {
        let line = line.trim().to_string();
        if line.is_empty() {
            return;
        }
        self.stop_watch(false);
        let at = self.at;
        let before = self.store_version();
        let result = console::run(&mut self.engine.borrow_mut().sim, &line);
        if let Some(action) = result.action {
            if !self.no_op(&action, before) {
                self.record(Rec::new(at, action, None));
            }
            self.recheck();
        }
        self.seq += 1;
        let live = result.follow.as_ref().map(|f| match **f {
            Follow::Watch(_) | Follow::Events(_) => Key::Watching,
            Follow::Wait(_) => Key::Waiting,
            Follow::Drain(_) => Key::WaitingDrain,
            Follow::Rollout(_) => Key::WaitingRollout,
            Follow::Logs(_) => Key::Following,
        });
        if let Some(follow) = result.follow {
            *self.watch.borrow_mut() = Some(LiveWatch {
                entry: self.seq,
                follow: *follow,
            });
        }
        self.push_entry(ConsoleEntry {
            id: self.seq,
            at,
            command: line,
            live,
            output: cut_output(result.output, self.lang),
            error: result.error,
            rewound: false,
            lesson: None,
            restarted: false,
        });
    }

    /// A line in the console where the cluster was replaced, unless the console is empty or
    /// already ends with such a line (a lesson's opening says it too).
    fn mark_new_cluster(&mut self) {
        match self.console.last() {
            None => return,
            Some(e) if e.lesson.is_some() || e.restarted => return,
            Some(_) => {}
        }
        self.push_divider(None);
    }

    /// A line across the console: this lesson opened here, or (None) the cluster restarted.
    fn push_divider(&mut self, lesson: Option<Rc<str>>) {
        self.seq += 1;
        let restarted = lesson.is_none();
        self.push_entry(ConsoleEntry {
            id: self.seq,
            at: Duration::ZERO,
            command: String::new(),
            output: String::new(),
            error: false,
            live: None,
            rewound: false,
            lesson,
            restarted,
        });
    }

    /// Adds a console entry, keeping the newest KEEP_CONSOLE (copy on write, as `edit_entry`).
    fn push_entry(&mut self, entry: ConsoleEntry) {
        let mut entries = (*self.console).clone();
        entries.push(entry);
        if entries.len() > KEEP_CONSOLE {
            let n = entries.len() - KEEP_CONSOLE;
            entries.drain(..n);
        }
        self.console = Rc::new(entries);
    }

    /// Opens a lesson at a page: its manifest (as of that page) in the editor, a fresh cluster
    /// with the lesson's setup.
    fn open_lesson(&mut self, l: Rc<Lesson>, page: usize) {
        let page = page.min(l.steps.len());
        if !self.console.is_empty() {
            self.push_divider(Some(l.id.as_str().into()));
        }
        let yaml = manifest_at(&l, page, self.lang);
        self.open = Some(Open {
            origin: yaml.as_str().into(),
            lesson: l,
            page,
        });
        self.checked = None;
        self.lessons_dialog = false;
        self.preset = "".into();
        self.load_text(&yaml);
        self.reset_to(&yaml, true);
        if self.engine.borrow().epoch != self.epoch {
            // A page whose manifest is meant to be refused (the lecture's mistakes) starts
            // on the lesson's cluster with nothing applied, not on whatever ran before.
            let seed = self.engine.borrow().seed;
            let lesson = self.open.as_ref().map(|o| o.lesson.clone());
            let setup = Setup {
                seed,
                lesson: lesson.as_deref(),
            };
            let engine = match Engine::load("", self.epoch, setup) {
                Ok(l) => l.engine,
                Err(_) => Engine::empty(self.epoch),
            };
            *self.engine.borrow_mut() = engine;
            self.applied_text = "".into();
            self.playing = false;
            self.selected = None;
            // The editor marks the errors; the page's text says what they teach.
            self.notice = None;
        }
        self.notice = self.notice.take().filter(|n| n.tone == Tone::Error);
        self.recheck();
    }

    /// `load_lesson_manifest`, keeping the session aside first when it holds the student's
    /// `own` work, with the offer to bring it back.
    fn load_lesson_manifest_keeping(&mut self, yaml: &str, own: bool, quiet: bool) {
        let own = own && !self.embed;
        if own {
            storage::backup();
        }
        let valid = self.load_lesson_manifest(yaml, quiet);
        if own {
            self.offer_restore(if valid {
                Key::NoticeLessonFileLoaded
            } else {
                Key::NoticeLessonFileRefused
            });
        }
    }

    /// Puts a lesson manifest in the editor and restarts the cluster from it.
    fn load_lesson_manifest(&mut self, yaml: &str, quiet: bool) -> bool {
        self.load_text(yaml);
        // A page's manifest the API server rejects (on purpose: the page is about the error)
        // starts an empty cluster: nothing of it was created. The editor marks the errors.
        let valid = crate::manifest::parse_documents(yaml).is_ok();
        self.reset_to(if valid { yaml } else { "" }, quiet || !valid);
        if !valid {
            self.notice = None;
        }
        if let Some(o) = self.open.as_mut() {
            o.origin = yaml.into();
        }
        self.recheck();
        valid
    }

    fn set_page(&mut self, page: usize) {
        self.drop_stale_notice(None);
        let Some(o) = self.open.as_mut() else { return };
        o.page = page.min(o.lesson.steps.len());
        // The challenge starts from the lesson's own manifest: a step's manifest still
        // unedited in the editor gives way to it (edited text is the student's and stays).
        if o.page == o.lesson.steps.len() && *self.text == *o.origin {
            let start = manifest_at(&o.lesson, o.page, self.lang);
            if !holds_manifest_at(&o.lesson, o.page, &o.origin) {
                // Recorded actions on the step's run are the student's work: kept aside,
                // with the offer to bring them back, as a lesson file loaded over them is.
                let own = !self.engine.borrow().actions.is_empty();
                self.load_lesson_manifest_keeping(&start, own, true);
            }
        }
    }

    fn check_solution(&mut self) {
        let Some(o) = self.open.clone() else { return };
        let report = lessons::check(&o.lesson, &self.text);
        if report.passed && !self.progress.contains(&o.lesson.id) {
            let mut p = (*self.progress).clone();
            p.insert(o.lesson.id.clone());
            // With what other tabs passed meanwhile: a tab's set loaded at start must not
            // erase theirs.
            if !self.embed {
                p = storage::save_progress(&p);
            }
            self.progress = Rc::new(p);
        }
        let run = self.checked.as_ref().map_or(0, |c| c.run) + 1;
        self.checked = Some(Rc::new(Checked {
            lesson: o.lesson.id.clone(),
            text_rev: self.text_rev,
            report,
            run,
        }));
    }

    /// What a share link holds right now.
    pub fn shared(&self) -> Shared {
        let e = self.engine.borrow();
        Shared {
            text: self.text.to_string(),
            run: (e.run_yaml != *self.text).then(|| e.run_yaml.clone()),
            actions: e.entries(),
            seed: e.seed,
            at_ms: e.at().0,
            end_ms: e.horizon.0,
            lesson: self.open.as_ref().map(|o| o.lesson.id.clone()),
            step: self.open.as_ref().map(|o| o.page),
            lang: Some(self.lang.code().into()),
            speed: Some(self.speed),
            ..Default::default()
        }
    }

    fn share(&mut self) {
        match share::encode(&self.shared()) {
            Ok(payload) => self.share_link = Some(url::share_url(&payload).into()),
            Err(e) => {
                let why = share_error(&e, self.lang);
                self.say(Tone::Error, t(Key::NoticeShareTooBig, self.lang), why);
            }
        }
    }
}

/// A share link's state as a session.
fn saved_from_shared(sh: Shared) -> Saved {
    let run = sh.run.unwrap_or_else(|| sh.text.clone());
    // What was applied last: the editor's text when the last recorded apply is of it (the
    // link keeps no `applied`), so an applied edit is not shown as edited.
    let last_apply = sh
        .actions
        .iter()
        .rev()
        .find_map(|e| e.split_once("\n  apply: ").map(|(_, a)| a.trim_end()));
    let applied = match (last_apply, serde_json::to_string(&sh.text)) {
        (Some(a), Ok(text)) if a == text => sh.text.clone(),
        _ => run.clone(),
    };
    Saved {
        text: sh.text,
        applied,
        run,
        actions: sh.actions,
        at_ms: sh.at_ms,
        end_ms: sh.end_ms,
        speed: sh.speed.unwrap_or(DEFAULT_SPEED),
        preset: String::new(),
        lesson: sh.lesson,
        page: sh.step.unwrap_or(0),
        seed: sh.seed,
        link: None,
    }
}

/// Why a link failed, in words.
pub fn share_error(e: &ShareError, lang: Lang) -> String {
    match e {
        ShareError::Empty => t(Key::ShareErrEmpty, lang).into(),
        ShareError::TooLong(n) => tf(Key::ShareErrTooLong, lang, &[n, &share::MAX_ENCODED]),
        ShareError::NotBase64 => t(Key::ShareErrNotBase64, lang).into(),
        ShareError::Corrupt => t(Key::ShareErrCorrupt, lang).into(),
        ShareError::TooBig => t(Key::ShareErrTooBig, lang).into(),
        ShareError::NotJson(_) => t(Key::ShareErrNotJson, lang).into(),
        ShareError::Version(v) => tf(Key::ShareErrVersion, lang, &[v]),
        ShareError::Field(f) => {
            let what = match *f {
                "text" => Some(Key::ShareFieldText),
                "run" => Some(Key::ShareFieldRun),
                "actions" => Some(Key::ShareFieldActions),
                "at" => Some(Key::ShareFieldAt),
                "lesson" => Some(Key::ShareFieldLesson),
                "step" => Some(Key::ShareFieldStep),
                "lang" => Some(Key::ShareFieldLang),
                "speed" => Some(Key::ShareFieldSpeed),
                _ => None,
            };
            let what = what.map_or(*f, |k| t(k, lang));
            tf(Key::ShareErrField, lang, &[&what, f])
        }
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        if matches!(msg, Msg::Frame(_)) && !self.playing {
            return self; // a frame queued just before Pause: nothing changes
        }
        let mut s = (*self).clone();
        let mut persist = true;
        match msg {
            Msg::Edit(text) => {
                // Typing ends a passing remark; the offer to bring back a session kept aside
                // stays until dismissed.
                s.notice = s.notice.take().filter(|n| n.undo || n.other_tab);
                // An edited example is no longer that example: the picker says "Examples…"
                // again, and picking the example reloads it.
                if presets::find(&s.preset).is_some_and(|p| !p.is(&text)) {
                    s.preset = "".into();
                }
                s.set_text(&text);
                if text.len() <= LARGE_TEXT {
                    s.recheck();
                }
            }
            Msg::Recheck => {
                if s.check_rev == s.text_rev {
                    return self;
                }
                persist = false;
                s.recheck();
            }
            Msg::Apply => s.apply(),
            Msg::Reset => {
                // Recorded actions are cleared: the session as it was is kept aside first, and
                // the notice counts them and offers it back, as branching the timeline does.
                let cleared = s.engine.borrow().actions.len();
                if cleared > 0 && !s.embed {
                    storage::backup();
                }
                let text = s.text.clone();
                s.reset_to(&text, false);
                s.recheck();
                if cleared > 0 && !s.embed {
                    if let Some(n) = s.notice.as_mut() {
                        let n = Rc::make_mut(n);
                        let note = tf(Key::NoticeResetCleared, s.lang, &[&cleared]);
                        n.body = if n.body.is_empty() {
                            note
                        } else {
                            format!("{}\n{note}", n.body)
                        };
                    }
                    s.offer_undo();
                }
            }
            Msg::Preset(id) => {
                if let Some(p) = presets::find(&id) {
                    // The user's own manifest (not an example's) and its run are kept aside,
                    // one level of undo: an example picked by mistake, or by the arrow keys
                    // on the closed select (which load each one they pass), loses nothing.
                    // Own work: a manifest that is no example's, or recorded actions (faults,
                    // kubectl) on an example's run.
                    let own = !s.embed && s.own_work() && !s.unedited_link();
                    if own {
                        storage::backup();
                    }
                    // Passing over more examples keeps the offer to restore the work set aside.
                    let offer = s.notice.clone().filter(|n| n.undo || n.other_tab);
                    let yaml = p.text(s.lang);
                    s.load_text(&yaml);
                    s.preset = p.id.into();
                    s.reset_to(&yaml, false);
                    s.recheck();
                    if !own {
                        if let Some(n) = offer {
                            s.notice = Some(n);
                        }
                    }
                    if own {
                        s.offer_restore(Key::NoticePresetLoaded);
                    }
                }
            }
            Msg::Seek(to) => {
                s.playing = false;
                s.seek(to);
            }
            Msg::Frame(dt) => {
                persist = false;
                let dt = if dt.is_finite() {
                    dt.clamp(0.0, MAX_FRAME_MS)
                } else {
                    0.0
                };
                let step = (dt * f64::from(s.speed)).round() as i64;
                let mut target = Duration::from_millis(s.at.0.saturating_add(step));
                if target >= s.horizon {
                    let horizon = {
                        let mut e = s.engine.borrow_mut();
                        e.extend();
                        e.horizon
                    };
                    if target >= horizon {
                        target = horizon;
                        s.playing = false;
                        persist = true;
                    }
                }
                s.seek(target);
            }
            Msg::Step => {
                s.playing = false;
                let moved = s.engine.borrow_mut().step();
                if moved {
                    s.recheck();
                } else {
                    s.say(Tone::Info, t(Key::NoticeIdle, s.lang), String::new());
                }
            }
            Msg::StepBack => {
                s.playing = false;
                let prev = s.engine.borrow().previous_instant();
                s.seek(prev.unwrap_or(Duration::ZERO));
            }
            Msg::TogglePlay | Msg::PlayKey => {
                let by_key = matches!(msg, Msg::PlayKey);
                let mut toggle = true;
                if !s.playing && s.at >= s.horizon {
                    let extended = s.engine.borrow_mut().extend();
                    // Space at the end is most often meant as "pause" (the run stopped by
                    // itself): it says how to replay rather than rewinding under a running
                    // watch. The ↻ Replay button replays.
                    if !extended && by_key {
                        let body = t(Key::NoticeAtEndBody, s.lang).to_string();
                        s.say(Tone::Info, t(Key::NoticeAtEnd, s.lang), body);
                        toggle = false;
                        persist = false;
                    } else if !extended {
                        s.seek(Duration::ZERO);
                        // Said, so a replay is not taken for lost work: nothing is undone.
                        let n = s.engine.borrow().actions.len();
                        if n > 0 {
                            let body = tf(Key::NoticeReplayingBody, s.lang, &[&n.to_string()]);
                            s.say(Tone::Info, t(Key::NoticeReplaying, s.lang), body);
                        }
                    }
                }
                if toggle {
                    s.playing = !s.playing;
                }
            }
            Msg::Speed(v) => {
                if SPEEDS.contains(&v) {
                    s.speed = v;
                }
            }
            Msg::Faster => {
                if let Some(&v) = SPEEDS.iter().find(|&&v| v > s.speed) {
                    s.speed = v;
                }
            }
            Msg::Slower => {
                if let Some(&v) = SPEEDS.iter().rev().find(|&&v| v < s.speed) {
                    s.speed = v;
                }
            }
            Msg::Rewind => {
                s.playing = false;
                s.seek(Duration::ZERO);
            }
            Msg::Do(action) => s.perform(action),
            // The shell's `clear`, as the chip above the input does it.
            Msg::Console(line) if line.trim() == "clear" => {
                s.remember(&line);
                s.stop_watch(false);
                s.console = Rc::new(Vec::new());
                persist = false;
            }
            Msg::Console(line) => {
                s.remember(&line);
                s.console(line);
            }
            Msg::ClearConsole => {
                s.stop_watch(false);
                s.console = Rc::new(Vec::new());
                persist = false;
            }
            Msg::StopWatch => {
                s.stop_watch(true);
                persist = false;
            }
            Msg::Select(sel) => {
                s.selected = sel;
                persist = false;
            }
            Msg::Help(open) => {
                s.help = open;
                persist = false;
            }
            Msg::ToggleHelp => {
                s.help = !s.help;
                persist = false;
            }
            Msg::LetterKeys(on) => {
                s.letter_keys_off = !on;
                s.save_prefs();
                persist = false;
            }
            Msg::LoopFilter(f) => {
                s.loop_filter = f.into();
                s.loop_cursor = None;
                persist = false;
            }
            Msg::LoopStep(dir) => {
                // Walking needs a stopped clock.
                s.playing = false;
                let e = s.engine.borrow();
                let key = e.key();
                let at = s.loop_cursor.filter(|(_, k)| *k == key).map(|(i, _)| i);
                let next = super::loopview::walk(&e, &s.loop_filter, at, dir);
                drop(e);
                s.loop_cursor = next.map(|i| (i, key));
                persist = false;
            }
            Msg::LoopLive => {
                s.loop_cursor = None;
                persist = false;
            }
            Msg::DismissNotice => {
                s.notice = None;
                persist = false;
            }
            Msg::Forget => {
                storage::clear();
                s.help = false;
                s.console = Rc::new(Vec::new());
                s.open = None;
                s.checked = None;
                let yaml = presets::DEFAULT.text(s.lang);
                s.load_text(&yaml);
                s.preset = presets::DEFAULT.id.into();
                s.reset_to(&yaml, false);
                s.recheck();
            }
            Msg::SetLang(l) => {
                // A notice was said in the other language.
                let mut swapped = false;
                if s.lang != l {
                    s.notice = None;
                    swapped = s.speak_text_in(s.lang, l);
                }
                s.lang = l;
                s.save_prefs();
                // Saved when the example's text was swapped, for a reload to show it so.
                persist = swapped;
            }
            Msg::TogglePresenter => {
                s.presenter = !s.presenter;
                // Hiding the editor is a Classroom-mode choice: leaving the mode brings it back.
                if !s.presenter {
                    s.editor_hidden = false;
                }
                s.save_prefs();
                persist = false;
            }
            Msg::ToggleEditor => {
                s.editor_hidden = !s.editor_hidden;
                s.save_prefs();
                persist = false;
            }
            Msg::ToggleLoopBig => {
                s.loop_big = !s.loop_big;
                persist = false;
            }
            Msg::Lessons(open) => {
                s.lessons_dialog = open;
                persist = false;
            }
            Msg::OpenLesson(id) => {
                s.lessons_dialog = false;
                match find_lesson(&id) {
                    Some(l) if s.open.as_ref().is_some_and(|o| o.lesson.id == l.id) => {}
                    Some(l) => {
                        // The user's own work is kept aside, as when an example is picked:
                        // the notice's button brings it back. In a lesson that is an edit of
                        // the page's manifest or recorded actions (a half-done challenge).
                        let acted = !s.engine.borrow().actions.is_empty();
                        let at = s
                            .open
                            .as_ref()
                            .map(|o| (&*o.lesson, o.page, Some(&*o.origin)));
                        let own = !s.embed && own_work_in(at, &s.text, acted) && !s.unedited_link();
                        if own {
                            storage::backup();
                        }
                        s.open_lesson(l, 0);
                        if own {
                            s.offer_restore(Key::NoticeLessonOpened);
                        }
                    }
                    None => s.say(
                        Tone::Error,
                        tf(Key::NoticeNoLesson, s.lang, &[&id]),
                        String::new(),
                    ),
                }
            }
            Msg::CloseLesson => {
                if s.open.take().is_some() {
                    s.checked = None;
                    let text = s.text.clone();
                    s.reset_to(&text, true);
                    s.say(
                        Tone::Info,
                        t(Key::NoticeLessonClosed, s.lang),
                        String::new(),
                    );
                    s.recheck();
                }
            }
            Msg::Page(p) => s.set_page(p),
            Msg::NextPage => {
                if let Some(p) = s.open.as_ref().map(|o| o.page + 1) {
                    s.set_page(p);
                }
            }
            Msg::PrevPage => {
                if let Some(p) = s.open.as_ref().map(|o| o.page.saturating_sub(1)) {
                    s.set_page(p);
                }
            }
            Msg::LoadLessonFile(name) => {
                let yaml = s
                    .open
                    .as_ref()
                    .and_then(|o| o.lesson.file(&name, s.lang.code()).cloned());
                if let Some(yaml) = yaml {
                    // The student's edits and faults are kept aside, as when an example is
                    // picked: "Start from the lesson's manifest" clicked by mistake loses
                    // nothing.
                    let edited = s
                        .open
                        .as_ref()
                        .is_some_and(|o| *s.text != *o.origin && *s.text != *yaml);
                    let own = edited || !s.engine.borrow().actions.is_empty();
                    s.load_lesson_manifest_keeping(&yaml, own, false);
                }
            }
            Msg::RunTo(d) => s.run_to(d),
            Msg::TryKubectl(cmd) => {
                s.seq += 1;
                s.console_fill = Some((s.seq, cmd.into()));
                persist = false;
            }
            Msg::CheckSolution => s.check_solution(),
            Msg::ProgressChanged if s.embed => return self,
            Msg::ProgressChanged => {
                let mut p = (*s.progress).clone();
                for id in storage::load_progress() {
                    p.insert(id);
                }
                s.progress = Rc::new(p);
                persist = false;
            }
            Msg::SaveNow => {}
            Msg::Share => {
                s.share();
                persist = false;
            }
            Msg::CloseShare => {
                s.share_link = None;
                persist = false;
            }
            // The session it replaces is kept aside in its turn (`persist::turn`): pressed
            // again, the button brings the next one back, and round to this one.
            Msg::RestoreOther => match storage::take_other() {
                Some(sv) if s.restore(&sv).is_ok() => {
                    s.say(Tone::Ok, t(Key::NoticeOtherRestored, s.lang), String::new());
                    // This tab's own session took its place: it can be swapped back.
                    s.offer_other();
                }
                _ => s.say(
                    Tone::Error,
                    t(Key::NoticeRestoreFailed, s.lang),
                    String::new(),
                ),
            },
            Msg::RestorePrevious => match storage::take_previous() {
                Some(sv) if s.restore(&sv).is_ok() => {
                    let stopped = s.stopped_short_note().unwrap_or_default();
                    let (tone, body) = match s.dropped_note() {
                        Some(d) => (Tone::Error, format!("{d} {stopped}")),
                        None => (Tone::Ok, stopped),
                    };
                    s.say(tone, t(Key::NoticeRestored, s.lang), body);
                    // The session kept aside before that one can come back too.
                    if storage::has_previous() {
                        s.offer_undo();
                    }
                }
                _ => s.say(
                    Tone::Error,
                    t(Key::NoticeRestoreFailed, s.lang),
                    String::new(),
                ),
            },
            // Escape closes an open dialog, and only that; with none open it clears the
            // selection.
            Msg::Escape => {
                persist = false;
                let dialog = s.help || s.lessons_dialog || s.share_link.is_some() || s.loop_big;
                s.help = false;
                s.lessons_dialog = false;
                s.share_link = None;
                s.loop_big = false;
                if !dialog {
                    s.selected = None;
                }
            }
        }
        s.sync();
        if persist {
            // Said while saves fail (again once an edit cleared it, not over another notice):
            // a reload would bring back an older state.
            let out = s.save();
            if out.kept_other {
                s.say(Tone::Info, t(Key::NoticeOtherTab, s.lang), String::new());
                s.offer_other();
            } else if !out.stored && !s.no_storage && (!s.save_refused || s.notice.is_none()) {
                s.say(Tone::Error, t(Key::NoticeNotSaved, s.lang), String::new());
            }
            s.save_refused = !out.stored;
            s.kept_aside = !s.embed && storage::has_previous();
            s.other_kept = !s.embed && storage::has_other();
        }
        Rc::new(s)
    }
}

/// A step's `run` as a duration (lesson files are checked by the lesson tests).
pub fn run_of(s: &lessons::Step) -> Option<Duration> {
    s.run.as_deref().and_then(|r| parse_duration(r).ok())
}

/// Keeps the last `n` lines of a watch's output, and its first (a table's header) if `header`.
fn keep_last_lines(text: &mut String, n: usize, header: bool) {
    let lines = text.lines().count();
    if lines <= n + n / 5 {
        return; // trimmed in batches, not on every poll
    }
    let header_end = if header {
        text.find('\n').map_or(0, |i| i + 1)
    } else {
        0
    };
    let cut = text
        .match_indices('\n')
        .nth(lines - n)
        .map_or(text.len(), |(i, _)| i + 1)
        .max(header_end);
    text.replace_range(header_end..cut, "");
}

/// Own work worth keeping aside before something replaces it: a manifest that is no example's,
/// or actions recorded on a run.
/// Work of the user's own that opening a lesson would replace: outside a lesson, a manifest
/// that is no example, or recorded actions (`own_work`); in a lesson (with its page and, when
/// known, the text the page loaded), recorded actions or an edit of the page's manifest (a
/// half-done challenge).
fn own_work_in(lesson: Option<(&Lesson, usize, Option<&str>)>, text: &str, acted: bool) -> bool {
    match lesson {
        None => own_work(text, acted),
        Some((l, page, origin)) => {
            acted || (origin != Some(text) && !holds_manifest_at(l, page, text))
        }
    }
}

fn own_work(text: &str, has_actions: bool) -> bool {
    !text.trim().is_empty() && (!presets::PRESETS.iter().any(|q| q.is(text)) || has_actions)
}
