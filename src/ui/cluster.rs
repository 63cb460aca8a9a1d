//! The cluster view: nodes as cards with their pods as tiles, a lane for pods not yet
//! scheduled, the selected pod's or node's fault buttons, "add node" and "controller manager
//! down". Every button sends a `scenario::Action` (recorded for replay).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use yew::prelude::*;

use super::state::{Engine, Msg, Selection, SimKey};
use super::view::{self, Look};
use crate::api::{ControllerRevision, Duration, Kind, Node, Pod, Taint};
use crate::controllers::daemonset::CONTROLLER_REVISION_HASH;
use crate::controllers::gc::OUT_OF_SERVICE_TAINT;
use crate::controllers::job::JOB_COMPLETION_INDEX;
use crate::i18n::{t, tf, Key, Lang};
use crate::kubectl;
use crate::kubectl::console::namespace_flag;
use crate::sim::nodelifecycle::UNREACHABLE_TAINT;
use crate::sim::scenario::Action;
use crate::sim::Simulation;

/// Tiles drawn per node; the rest is counted.
const TILES_MAX: usize = 400;
/// Above this many pods a node draws small tiles (icon only).
const COMPACT_ABOVE: usize = 10;
pub const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
const STANDARD_LABELS: [&str; 5] = [
    "kubernetes.io/hostname",
    "kubernetes.io/os",
    "kubernetes.io/arch",
    "beta.kubernetes.io/os",
    "beta.kubernetes.io/arch",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodVm {
    pub name: String,
    /// What the tile shows: the generated suffix, after the completion index in an Indexed
    /// Job (`render-3-ldfr9` → `3-ldfr9`: the index is the point of the name).
    pub short: String,
    pub look: Look,
    pub status: String,
    pub ready: String,
    pub restarts: i32,
    pub node: String,
    pub owner: String,
    /// DaemonSet pods: (short hash, is the current revision).
    pub rev: Option<(String, bool)>,
}

/// The current revision hash of each DaemonSet (by uid): its newest ControllerRevision's.
pub fn current_hashes(sim: &Simulation) -> HashMap<String, String> {
    let mut best: HashMap<String, (i64, String)> = HashMap::new();
    for r in sim.cluster.store.list::<ControllerRevision>() {
        let Some(owner) = r.metadata.controller_of() else {
            continue;
        };
        let hash = r
            .metadata
            .labels
            .get(CONTROLLER_REVISION_HASH)
            .cloned()
            .unwrap_or_default();
        let e = best
            .entry(owner.uid.clone())
            .or_insert((i64::MIN, String::new()));
        if r.revision > e.0 {
            *e = (r.revision, hash);
        }
    }
    best.into_iter().map(|(k, (_, h))| (k, h)).collect()
}

/// PodVms by pod name, kept while the pod's resourceVersion (and its DaemonSet's current
/// revision) is unchanged, so an unchanged pod keeps the same `Rc` and its tile skips rendering.
struct PodCache {
    epoch: u64,
    gen: u64,
    map: HashMap<String, (String, Option<String>, u64, Rc<PodVm>)>,
    /// The last list made, for the same cluster state (epoch, store revision, instant) and
    /// revision hashes: the cluster and the workloads views ask for it in the same render.
    last: Option<LastList>,
}

/// (epoch, store revision, instant, revision hashes, the list).
type LastList = (
    u64,
    u64,
    crate::api::Time,
    HashMap<String, String>,
    Vec<Rc<PodVm>>,
);

thread_local! {
    static CACHE: RefCell<PodCache> = RefCell::new(PodCache { epoch: 0, gen: 0, map: HashMap::new(), last: None });
}

/// The view of every pod (oldest first), cached.
pub fn pod_vms(sim: &Simulation, epoch: u64, hashes: &HashMap<String, String>) -> Vec<Rc<PodVm>> {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.epoch != epoch {
            c.map.clear();
            c.epoch = epoch;
        }
        let (rv, now) = (sim.cluster.store.resource_version(), sim.now());
        if let Some((e, r, t, h, out)) = &c.last {
            if (*e, *r, *t) == (epoch, rv, now) && h == hashes {
                return out.clone();
            }
        }
        c.gen += 1;
        let gen = c.gen;
        let pods = sim.pods();
        let out: Vec<Rc<PodVm>> = pods
            .iter()
            .map(|p| {
                let cur = p
                    .metadata
                    .controller_of()
                    .filter(|o| o.kind == "DaemonSet")
                    .and_then(|o| hashes.get(&o.uid).cloned());
                let rv = &p.metadata.resource_version;
                match c.map.get_mut(&p.metadata.name) {
                    Some(e) if e.0 == *rv && e.1 == cur => {
                        e.2 = gen;
                        e.3.clone()
                    }
                    _ => {
                        let vm = Rc::new(pod_vm(p, hashes));
                        c.map
                            .insert(p.metadata.name.clone(), (rv.clone(), cur, gen, vm.clone()));
                        vm
                    }
                }
            })
            .collect();
        if c.map.len() > 2 * out.len() + 64 {
            c.map.retain(|_, e| e.2 == gen);
        }
        c.last = Some((epoch, rv, now, hashes.clone(), out.clone()));
        out
    })
}

#[derive(Properties, PartialEq)]
pub struct PodTileProps {
    pub vm: Rc<PodVm>,
    pub compact: bool,
    pub selected: bool,
    /// The one tile of its group that Tab reaches (the arrow keys move among the others).
    pub tab_stop: bool,
    pub lang: Lang,
    pub dispatch: Callback<Msg>,
}

/// One pod tile; re-renders only when its pod changed.
#[function_component(PodTile)]
pub fn pod_tile_component(p: &PodTileProps) -> Html {
    pod_tile(
        &p.vm,
        p.compact,
        p.selected,
        p.tab_stop,
        p.lang,
        &p.dispatch,
    )
}

pub fn pod_vm(p: &Pod, hashes: &HashMap<String, String>) -> PodVm {
    let (look, status) = view::pod_look(p);
    let owner = p.metadata.controller_of();
    let rev = owner.filter(|o| o.kind == "DaemonSet").and_then(|o| {
        let h = p.metadata.labels.get(CONTROLLER_REVISION_HASH)?;
        let new = hashes.get(&o.uid).is_some_and(|c| c == h);
        Some((h.chars().take(5).collect(), new))
    });
    let suffix = view::suffix(&p.metadata.name);
    let short = match p.metadata.annotations.get(JOB_COMPLETION_INDEX) {
        Some(i) if p.metadata.name.ends_with(&format!("-{i}-{suffix}")) => format!("{i}-{suffix}"),
        _ => suffix.to_string(),
    };
    PodVm {
        name: p.metadata.name.clone(),
        short,
        look,
        status,
        ready: kubectl::pod_ready(p),
        restarts: p
            .status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .sum(),
        node: p.spec.node_name.clone(),
        owner: owner
            .map(|o| format!("{}/{}", o.kind, o.name))
            .unwrap_or_default(),
        rev,
    }
}

/// Keyboard focus around a selection: a pod or node chosen with the keyboard hands the focus
/// to its actions (the bar above the nodes); when the bar goes (× or the object removed), the
/// focus returns to the tile or node it was about, or to the cluster, not to the document.
#[hook]
fn use_selection_focus(selected: Option<Selection>) {
    let prev = use_mut_ref(|| None::<Selection>);
    // The tile or node head the keyboard opened the bar from: a pod has a tile in its node
    // and another in its workload's panel, and the focus goes back to the one the user left.
    let opener = use_mut_ref(|| None::<web_sys::Element>);
    use_effect_with(selected, move |sel| {
        let before = std::mem::replace(&mut *prev.borrow_mut(), sel.clone());
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        if sel.is_some() {
            let by_keyboard = active.as_ref().is_some_and(|a| {
                a.matches(":focus-visible").unwrap_or(false)
                    && (a.has_attribute("data-pod") || a.matches(".node-head").unwrap_or(false))
            });
            *opener.borrow_mut() = if by_keyboard { active } else { None };
            if by_keyboard {
                view::focus("#selbar button:not([disabled])");
            }
        } else if before.is_some() && view::focus_lost() {
            let back = opener.borrow_mut().take().filter(|o| o.is_connected());
            if let Some(el) =
                back.and_then(|o| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(o).ok())
            {
                if el.focus().is_ok() {
                    return;
                }
            }
            let back = match &before {
                Some(Selection::Pod(n)) => format!("button[data-pod=\"{}\"]", css_escape(n)),
                Some(Selection::Node(n)) => {
                    format!("[data-node=\"{}\"] .node-head", css_escape(n))
                }
                None => String::new(),
            };
            if back.is_empty() || !view::focus(&back) {
                view::focus("#cluster-h");
            }
        }
    });
}

/// A name as a CSS string (Kubernetes names hold no quotes or backslashes; kept safe anyway).
fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Whether tile `i` of a group is its Tab stop: the selected pod's, else the first.
fn tab_stop(i: usize, selected: bool, selection: Option<&str>, shown: &[Rc<PodVm>]) -> bool {
    selected || (i == 0 && !selection.is_some_and(|s| shown.iter().any(|p| p.name == s)))
}

/// "new" / "old" for a DaemonSet pod's revision.
pub fn rev_word(new: bool, lang: Lang) -> &'static str {
    t(if new { Key::RevNew } else { Key::RevOld }, lang)
}

fn pod_tile(
    p: &PodVm,
    compact: bool,
    selected: bool,
    tab_stop: bool,
    lang: Lang,
    dispatch: &Callback<Msg>,
) -> Html {
    let name = p.name.clone();
    let onclick =
        dispatch.reform(move |_: MouseEvent| Msg::Select(Some(Selection::Pod(name.clone()))));
    let unready = p.ready.split_once('/').is_some_and(|(r, n)| {
        r != n && (p.look == Look::Running || (p.look == Look::CrashLoop && r != "0"))
    });
    // The name starts with the words the tile shows, in their order (WCAG 2.5.3: a speech
    // user says what they see), then the rest: "hrrsw Completed: pod paral-1-hrrsw, ready 0/1".
    let (colon, comma) = match lang {
        Lang::Zh => ("：", "，"),
        Lang::En => (": ", ", "),
    };
    let mut title = p.short.clone();
    if unready && !compact {
        title.push(' ');
        title.push_str(&p.ready);
    }
    if let Some((_, new)) = p.rev.as_ref().filter(|_| !compact) {
        title.push(' ');
        title.push_str(rev_word(*new, lang));
    }
    if p.restarts > 0 && !compact {
        title.push_str(&format!(" ↻{}", p.restarts));
    }
    title.push(' ');
    title.push_str(&p.status);
    title.push_str(colon);
    title.push_str(&tf(Key::PodNamed, lang, &[&p.name]));
    title.push_str(comma);
    title.push_str(&tf(Key::PodReady, lang, &[&p.ready]));
    if p.restarts > 0 {
        title.push_str(comma);
        title.push_str(&tf(Key::PodRestarts, lang, &[&p.restarts]));
    }
    if !p.owner.is_empty() {
        title.push_str(comma);
        title.push_str(&tf(Key::PodOwner, lang, &[&p.owner]));
    }
    if let Some((h, new)) = &p.rev {
        title.push_str(comma);
        title.push_str(&tf(Key::PodRevision, lang, &[h, &rev_word(*new, lang)]));
    }
    let rev_class = p
        .rev
        .as_ref()
        .map(|(_, new)| if *new { "rev-new" } else { "rev-old" });
    html! {
        <button type="button"
            class={classes!("pod", p.look.class(), rev_class, unready.then_some("unready"), compact.then_some("compact"), selected.then_some("selected"))}
            data-pod={p.name.clone()} data-status={p.status.clone()} tabindex={if tab_stop { "0" } else { "-1" }}
            aria-pressed={selected.to_string()} aria-label={title.clone()} title={title} onclick={onclick}>
            if compact {
                <span class="ico" aria-hidden="true">{ p.look.icon() }</span>
            } else {
                // The name and its marks, then the status: beside them on a wide node card,
                // on a line of its own in a wave (styles: .pline).
                // The spaces between the parts are not drawn (flex items) but keep the words
                // apart in the text the name is checked against ("hrrsw Completed").
                <span class="pline">
                    <span class="ico" aria-hidden="true">{ p.look.icon() }</span>
                    <span class="pname">{ &p.short }</span>
                    if unready {
                        { " " }<span class="pready">{ &p.ready }</span>
                    }
                    // The word only (its hash is in the title and the DaemonSet card's
                    // legend): a projector's narrow node card keeps the tile on one line.
                    if let Some((_, new)) = &p.rev {
                        { " " }<span class="rev">{ rev_word(*new, lang) }</span>
                    }
                    if p.restarts > 0 {
                        { " " }<span class="restarts">{ format!("↻{}", p.restarts) }</span>
                    }
                </span>
                { " " }<span class="pstat">{ &p.status }</span>
            }
        </button>
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeVm {
    pub name: String,
    pub roles: String,
    pub status: String,
    pub ready: bool,
    pub labels: Vec<(String, String)>,
    pub taints: Vec<String>,
    pub pods: Vec<Rc<PodVm>>,
    /// (unfinished pods, allocatable pods) when the node has no room left: the scheduler's
    /// `Too many pods`.
    pub full: Option<(usize, i64)>,
    /// The cpu and memory its pods request of its allocatable amount, when any do.
    pub requests: Option<String>,
    pub selected: bool,
    pub selected_pod: Option<String>,
    pub gone: bool,
    /// Its kubelet is stopped (a fault the user set off; the API learns of it only later).
    pub kubelet_stopped: bool,
    /// A removed node's pods: when the pod garbage collector deletes them.
    pub gc_note: Option<String>,
}

#[derive(Properties, PartialEq)]
struct NodeCardProps {
    vm: NodeVm,
    lang: Lang,
    dispatch: Callback<Msg>,
}

#[function_component(NodeCard)]
fn node_card(p: &NodeCardProps) -> Html {
    let vm = &p.vm;
    let lang = p.lang;
    let name = vm.name.clone();
    let select = p
        .dispatch
        .reform(move |_: MouseEvent| Msg::Select(Some(Selection::Node(name.clone()))));
    let compact = vm.pods.len() > COMPACT_ABOVE;
    let shown = vm.pods.len().min(TILES_MAX);
    html! {
        <article class={classes!("node", (!vm.ready).then_some("not-ready"), vm.gone.then_some("gone"), vm.selected.then_some("selected"))}
            data-node={vm.name.clone()} aria-label={tf(Key::NodeLabel, lang, &[&vm.name])}>
            if vm.gone {
                <header class="node-head static">
                    <span class="node-name">{ tf(Key::NodeRemoved, lang, &[&vm.name]) }</span>
                </header>
                if let Some(note) = &vm.gc_note { <p class="gc-note">{ note }</p> }
            } else {
                <button type="button" class="node-head" onclick={select} aria-pressed={vm.selected.to_string()}
                    title={t(Key::NodeSelectHint, lang)}>
                    <span class="node-name">{ &vm.name }</span>
                    <span class="roles">{ &vm.roles }</span>
                    <span class={classes!("nstatus", if vm.ready { "ok" } else { "bad" })}>
                        { if vm.ready { "✓ " } else { "✗ " } }{ &vm.status }
                    </span>
                </button>
                if !vm.taints.is_empty() || !vm.labels.is_empty() || vm.full.is_some() || vm.requests.is_some() || vm.kubelet_stopped {
                    <div class="chips">
                        if vm.kubelet_stopped {
                            <span class="chip stopped" title={t(Key::KubeletStoppedHint, lang)}>{ t(Key::KubeletStopped, lang) }</span>
                        }
                        if let Some((used, allowed)) = vm.full {
                            <span class="chip full" title={t(Key::NodeFullHint, lang)}>{ tf(Key::NodeFull, lang, &[&used, &allowed]) }</span>
                        }
                        if let Some(r) = &vm.requests {
                            <span class="chip requests" title={t(Key::NodeRequestsHint, lang)}>{ r }</span>
                        }
                        { for vm.taints.iter().map(|taint| html! { <span class="chip taint" title={t(Key::Taint, lang)}>{ "⚠ " }{ breakable(taint) }</span> }) }
                        { for vm.labels.iter().map(|(k, v)| html! {
                            <span class="chip label" title={t(Key::Label, lang)}>{ breakable(&if v.is_empty() { k.clone() } else { format!("{k}={v}") }) }</span>
                        }) }
                    </div>
                }
            }
            <div class={classes!("tiles", compact.then_some("compact"))} data-count={vm.pods.len().to_string()} data-pod-group="">
                if vm.pods.is_empty() {
                    <span class="empty">{ t(Key::NoPods, lang) }</span>
                }
                // A fragment of its own: a keyed list among unkeyed siblings is diffed by position
                // from the end, so a new pod would re-create (and re-animate) every tile.
                <>{ for vm.pods[..shown].iter().enumerate().map(|(i, pod)| {
                    let sel = vm.selected_pod.as_deref() == Some(pod.name.as_str());
                    let stop = tab_stop(i, sel, vm.selected_pod.as_deref(), &vm.pods[..shown]);
                    html! { <PodTile key={pod.name.clone()} vm={pod.clone()} compact={compact} selected={sel} tab_stop={stop} lang={lang} dispatch={p.dispatch.clone()} /> }
                }) }</>
                if shown < vm.pods.len() {
                    <span class="more">{ tf(Key::MorePods, lang, &[&(vm.pods.len() - shown)]) }</span>
                }
            </div>
        </article>
    }
}

#[derive(Properties)]
pub struct ClusterProps {
    pub engine: Rc<RefCell<Engine>>,
    pub key_: SimKey,
    pub selected: Option<Selection>,
    pub at: Duration,
    pub lang: Lang,
    /// The embedded view: no tools, no selection bar.
    pub embed: bool,
    pub dispatch: Callback<Msg>,
}

impl PartialEq for ClusterProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.engine, &o.engine)
            && self.key_ == o.key_
            && self.lang == o.lang
            && self.embed == o.embed
            && self.selected == o.selected
            && self.dispatch == o.dispatch
            && (self.selected.is_none() || self.at == o.at)
    }
}

/// The cpu and memory the unfinished pods on each node request (one pass over the pods for
/// all the cards), for nodes where any pod requests either.
fn requested_by_node(
    sim: &crate::sim::Simulation,
) -> BTreeMap<
    String,
    (
        crate::api::resources::Quantity,
        crate::api::resources::Quantity,
    ),
> {
    use crate::api::resources::{declares_resources, pod_resources, Quantity};
    let mut out: BTreeMap<String, (Quantity, Quantity)> = BTreeMap::new();
    let add = |sum: &mut Quantity, q: Quantity| {
        *sum = if sum.milli == 0 { q } else { sum.plus(q) };
    };
    for p in sim.cluster.store.list_unordered::<Pod>() {
        if p.spec.node_name.is_empty() || p.is_terminal() || !declares_resources(&p.spec) {
            continue;
        }
        let r = pod_resources(&p.spec, false);
        let (cpu, memory) = (r.get("cpu"), r.get("memory"));
        if cpu.is_none() && memory.is_none() {
            continue;
        }
        let sums = out
            .entry(p.spec.node_name.clone())
            .or_insert((Quantity::ZERO, Quantity::ZERO));
        if let Some(q) = cpu {
            add(&mut sums.0, *q);
        }
        if let Some(q) = memory {
            add(&mut sums.1, *q);
        }
    }
    out
}

/// "cpu 1500m/4 (37%) · memory 200Mi/7.7Gi (2%)": what the node's unfinished pods request of
/// its allocatable cpu and memory (describe node's Allocated resources).
fn node_requests(
    n: &Node,
    (cpu, memory): (
        crate::api::resources::Quantity,
        crate::api::resources::Quantity,
    ),
) -> String {
    use crate::api::resources::Quantity;
    let part = |name: &str, used: Quantity| {
        let alloc = n
            .status
            .allocatable
            .get(name)
            .and_then(|v| Quantity::parse(&serde_json::Value::String(v.clone())))
            .unwrap_or(Quantity::ZERO);
        let pct = if alloc.milli > 0 {
            used.milli * 100 / alloc.milli
        } else {
            0
        };
        let show = |q: Quantity| {
            if name == "memory" {
                bytes(q.milli / 1000)
            } else {
                q.string()
            }
        };
        format!("{name} {}/{} ({pct}%)", show(used), show(alloc))
    };
    format!("{} · {}", part("cpu", cpu), part("memory", memory))
}

/// Bytes for a reader: `200Mi`, `7.7Gi` (tenths, no floats).
fn bytes(b: i128) -> String {
    const KI: i128 = 1024;
    if b >= KI * KI * KI {
        let tenths = b * 10 / (KI * KI * KI);
        format!("{}.{}Gi", tenths / 10, tenths % 10)
    } else if b >= KI * KI {
        format!("{}Mi", b / (KI * KI))
    } else if b >= KI {
        format!("{}Ki", b / KI)
    } else {
        b.to_string()
    }
}

fn node_vm(
    n: &Node,
    pods: Vec<Rc<PodVm>>,
    selected: &Option<Selection>,
    requested: Option<(
        crate::api::resources::Quantity,
        crate::api::resources::Quantity,
    )>,
) -> NodeVm {
    let status = kubectl::node_status(n);
    let roles = kubectl::node_roles(n);
    let used = pods
        .iter()
        .filter(|p| !matches!(p.look, Look::Succeeded | Look::Failed))
        .count();
    let allowed = n.status.allowed_pod_number();
    NodeVm {
        full: (used as i64 >= allowed).then_some((used, allowed)),
        requests: requested.map(|r| node_requests(n, r)),
        name: n.metadata.name.clone(),
        roles: if roles.is_empty() {
            "<none>".into()
        } else {
            roles.join(",")
        },
        ready: status.starts_with("Ready"),
        status,
        labels: n
            .metadata
            .labels
            .iter()
            .filter(|(k, _)| user_label(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        taints: n.spec.taints.iter().map(Taint::to_string).collect(),
        selected_pod: match selected {
            Some(Selection::Pod(p)) if pods.iter().any(|x| &x.name == p) => Some(p.clone()),
            _ => None,
        },
        pods,
        selected: matches!(selected, Some(Selection::Node(s)) if *s == n.metadata.name),
        gone: false,
        kubelet_stopped: false,
        gc_note: None,
    }
}

/// Why a removed node's pods are still listed: the pod garbage collector deletes them once
/// the node has been missing for its quarantine, at the time its queue holds (none while the
/// controller manager is down).
fn gc_note(sim: &Simulation, node: &str, lang: Lang) -> String {
    use crate::controllers::gc::{PODGC, QUARANTINE_SECS};
    let key = format!("node/{node}");
    let due = sim
        .queues()
        .into_iter()
        .find(|(c, _, _)| *c == PODGC)
        .and_then(|(_, _, waiting)| waiting.into_iter().find(|(_, k)| *k == key))
        .map(|(at, _)| view::clock(at - sim.cluster.start));
    match due {
        Some(at) => tf(Key::NodeRemovedGcDue, lang, &[&QUARANTINE_SECS, &at]),
        None => tf(Key::NodeRemovedGc, lang, &[&QUARANTINE_SECS]),
    }
}

/// `worker-N` one past every worker the cluster has had (nodes, pods bound to a removed one,
/// Events about one): a new node never takes the name of a removed one, whose pods and Events
/// would then seem to be its own.
fn next_worker(sim: &Simulation, script: &[super::engine::ScriptItem]) -> String {
    let n = |name: &str| {
        name.strip_prefix("worker-")
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let nodes = sim
        .cluster
        .store
        .list::<Node>()
        .map(|x| n(&x.metadata.name));
    let pods = sim
        .cluster
        .store
        .list::<Pod>()
        .map(|p| n(&p.spec.node_name));
    let events = sim
        .cluster
        .events
        .iter()
        .filter(|e| e.kind == Kind::Node)
        .map(|e| n(e.name()));
    // A node the lesson's scenario adds later keeps its name (its labels and taints are the
    // lesson's story).
    let scripted = script.iter().filter_map(|s| match &s.what {
        super::engine::Scripted::Action(Action::AddNode { name, .. }) => Some(n(name)),
        _ => None,
    });
    let last = nodes
        .chain(pods)
        .chain(events)
        .chain(scripted)
        .max()
        .unwrap_or(0);
    format!("worker-{}", last.saturating_add(1))
}

#[function_component(ClusterView)]
pub fn cluster_view(p: &ClusterProps) -> Html {
    use_selection_focus(p.selected.clone());
    let lang = p.lang;
    let e = p.engine.borrow();
    let sim = &e.sim;
    let hashes = current_hashes(sim);
    let mut by_node: BTreeMap<String, Vec<Rc<PodVm>>> = BTreeMap::new();
    let mut pending = Vec::new();
    for vm in pod_vms(sim, e.epoch, &hashes) {
        if vm.node.is_empty() {
            pending.push(vm);
        } else {
            by_node.entry(vm.node.clone()).or_default().push(vm);
        }
    }
    let requested = requested_by_node(sim);
    let mut cards: Vec<NodeVm> = sim
        .nodes()
        .into_iter()
        .map(|n| {
            let pods = by_node.remove(&n.metadata.name).unwrap_or_default();
            let mut vm = node_vm(
                n,
                pods,
                &p.selected,
                requested.get(&n.metadata.name).copied(),
            );
            vm.kubelet_stopped = sim.kubelet_stopped(&n.metadata.name);
            vm
        })
        .collect();
    // Pods still bound to a node that was removed (until the garbage collector deletes them).
    for (name, pods) in by_node {
        let gc_note = Some(gc_note(sim, &name, lang));
        cards.push(NodeVm {
            name,
            roles: String::new(),
            status: t(Key::Removed, lang).into(),
            ready: false,
            labels: Vec::new(),
            taints: Vec::new(),
            full: None,
            requests: None,
            selected_pod: match &p.selected {
                Some(Selection::Pod(s)) if pods.iter().any(|x| &x.name == s) => Some(s.clone()),
                _ => None,
            },
            pods,
            selected: false,
            gone: true,
            kubelet_stopped: false,
            gc_note,
        });
    }
    let pending_sel = match &p.selected {
        Some(Selection::Pod(s)) if pending.iter().any(|x| &x.name == s) => Some(s.clone()),
        _ => None,
    };
    let pending_compact = pending.len() > 2 * COMPACT_ABOVE;
    let down = sim.controllers_down();
    let add = {
        let name = next_worker(sim, &e.script);
        p.dispatch.reform(move |_: MouseEvent| {
            Msg::Do(Action::AddNode {
                name: name.clone(),
                labels: Default::default(),
                taints: Vec::new(),
            })
        })
    };
    let cm_down = p
        .dispatch
        .reform(|_: MouseEvent| Msg::Do(Action::ControllerDown(Duration::from_secs(300))));

    html! {
        <section class={classes!("panel", "cluster", p.embed.then_some("embedded"))} aria-labelledby="cluster-h">
            <div class="panel-head">
                <h2 id="cluster-h" tabindex="-1">{ t(Key::Cluster, lang) }</h2>
                <span class="legend" role="group" aria-label={t(Key::PodStates, lang)}>
                    { for [Look::Creating, Look::Running, Look::Succeeded, Look::Failed, Look::CrashLoop, Look::Terminating].iter().map(|l| html! {
                        <span class={classes!("lg", l.class())}><span class="ico" aria-hidden="true">{ l.icon() }</span>{ legend_word(*l) }</span>
                    }) }
                </span>
                if !p.embed {
                    <span class="tools">
                        <button id="add-node" type="button" onclick={add} title={t(Key::AddNodeHint, lang)}>{ "+ " }{ t(Key::AddNode, lang) }</button>
                        <button id="cm-down" type="button" onclick={cm_down} disabled={down}
                            title={t(Key::CmDownHint, lang)}>
                            { t(Key::CmDown, lang) }
                        </button>
                    </span>
                }
            </div>
            if down {
                <p class="down-banner" role="status">{ "‖ " }{ {
                    let back = sim.controllers_back_at().map(|at| view::clock(at - sim.cluster.start)).unwrap_or_default();
                    tf(Key::CmIsDown, lang, &[&back])
                } }</p>
            }
            if !p.embed { { selection_bar(sim, &p.selected, lang, &p.dispatch) } }
            <div class="nodes">
                { for cards.into_iter().map(|vm| { let k = vm.name.clone(); html! { <NodeCard key={k} vm={vm} lang={lang} dispatch={p.dispatch.clone()} /> } }) }
            </div>
            if sim.cluster.store.unfinished_pods() >= sim.cluster.pod_limit {
                // The refused creates' FailedCreate Events are soon dropped by the Event spam
                // filter, as in a real cluster; this limit is CtrlScope's, so the page says so.
                <p class="pod-limit" id="pod-limit" role="status">{ tf(Key::PodLimitReached, lang, &[&sim.cluster.pod_limit]) }</p>
            }
            if !p.embed || !pending.is_empty() {
            <div class="pending" role="group" aria-label={t(Key::PendingLabel, lang)}>
                <span class="lane-title">{ t(Key::PendingTitle, lang) }</span>
                <div class={classes!("tiles", pending_compact.then_some("compact"))} id="pending" data-count={pending.len().to_string()} data-pod-group="">
                    if pending.is_empty() { <span class="empty">{ t(Key::NonePending, lang) }</span> }
                    <>{ for pending.iter().take(TILES_MAX).enumerate().map(|(i, x)| {
                        let sel = pending_sel.as_deref() == Some(x.name.as_str());
                        let shown = &pending[..pending.len().min(TILES_MAX)];
                        html! {
                            <PodTile key={x.name.clone()} vm={x.clone()} compact={pending_compact}
                                selected={sel} tab_stop={tab_stop(i, sel, pending_sel.as_deref(), shown)} lang={lang} dispatch={p.dispatch.clone()} />
                        }
                    }) }</>
                    if pending.len() > TILES_MAX { <span class="more">{ tf(Key::MorePods, lang, &[&(pending.len() - TILES_MAX)]) }</span> }
                </div>
            </div>
            }
        </section>
    }
}

/// Labels worth showing and removing: not the kubelet's standard ones nor node roles.
fn user_label(key: &str) -> bool {
    !STANDARD_LABELS.contains(&key) && !key.starts_with("node-role.kubernetes.io/")
}

/// Text with break opportunities after `/` and before `:` and `=` (long taint and label keys).
fn breakable(s: &str) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c == ':' || c == '=' {
            parts.push(html! { <>{ std::mem::take(&mut cur) }<wbr /></> });
        }
        cur.push(c);
        if c == '/' {
            parts.push(html! { <>{ std::mem::take(&mut cur) }<wbr /></> });
        }
    }
    parts.push(html! { { cur } });
    html! { <>{ for parts }</> }
}

pub(super) fn legend_word(l: Look) -> &'static str {
    match l {
        Look::Pending => "Pending",
        Look::Creating => "Creating",
        Look::Running => "Running",
        Look::Succeeded => "Succeeded",
        Look::Failed => "Failed",
        Look::CrashLoop => "CrashLoopBackOff",
        Look::Terminating => "Terminating",
        Look::Other => "Other",
    }
}

/// What the selected pod or node can have done to it.
fn selection_bar(sim: &Simulation, sel: &Option<Selection>, lang: Lang, d: &Callback<Msg>) -> Html {
    let close = d.reform(|_: MouseEvent| Msg::Select(None));
    // The bar re-renders with other buttons where this one was: focus moves from the button to
    // the bar, so the next Space plays (instead of pressing whatever button now sits there, such
    // as the opposite taint). Tab still goes on from here.
    let act = |a: Action| {
        d.reform(move |e: MouseEvent| {
            use wasm_bindgen::JsCast;
            // Yew delegates events from its root: the button is the target's closest one.
            if let Some(b) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("button").ok().flatten())
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            {
                // The bar itself keeps the focus: a screen reader stays in it, Tab goes on.
                match b
                    .closest("#selbar")
                    .ok()
                    .flatten()
                    .and_then(|bar| bar.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    Some(bar) => {
                        let _ = bar.focus();
                    }
                    None => {
                        let _ = b.blur();
                    }
                }
            }
            Msg::Do(a.clone())
        })
    };
    let cmd = |c: String| d.reform(move |_: MouseEvent| Msg::Console(c.clone()));
    match sel {
        Some(Selection::Pod(name)) => {
            let Some(pod) = sim.cluster.store.get::<Pod>(name) else {
                return html! {
                    <div class="selbar" id="selbar" tabindex="-1"><span>{ tf(Key::PodGone, lang, &[name]) }</span>
                        <button type="button" class="close" onclick={close} aria-label={t(Key::ClearSelection, lang)}>{ "×" }</button></div>
                };
            };
            let (look, status) = view::pod_look(pod);
            let ns = namespace_flag(&pod.metadata.namespace);
            let running = matches!(look, Look::Running | Look::Creating | Look::CrashLoop);
            // A pod on a removed node has no kubelet to make it fail.
            let no_kubelet = running && !sim.can_fail(name);
            let node = if pod.spec.node_name.is_empty() {
                t(Key::NotScheduled, lang).to_string()
            } else {
                tf(Key::OnNode, lang, &[&pod.spec.node_name])
            };
            html! {
                <div class="selbar" id="selbar" tabindex="-1" role="group" aria-label={format!("Pod {name}")}>
                    <span class={classes!("selname", look.class())}><span aria-hidden="true">{ look.icon() }{ " " }</span>{ format!("Pod {name}") }</span>
                    <span class="muted">{ format!("{status} · {node}") }</span>
                    <button type="button" id="fail-pod" onclick={act(Action::FailPod(name.clone()))} disabled={!running || no_kubelet}
                        title={t(if no_kubelet { Key::FailNoKubelet } else { Key::FailHint }, lang)}>{ t(Key::Fail, lang) }</button>
                    <button type="button" id="delete-pod" onclick={act(Action::DeletePod(name.clone()))}>{ t(Key::Delete, lang) }</button>
                    <button type="button" onclick={cmd(format!("kubectl describe pod {name}{ns}"))}>{ t(Key::Describe, lang) }</button>
                    <button type="button" onclick={cmd(format!("kubectl logs {name}{ns}"))}>{ t(Key::Logs, lang) }</button>
                    <button type="button" class="close" onclick={close} aria-label={t(Key::ClearSelection, lang)}>{ "×" }</button>
                </div>
            }
        }
        Some(Selection::Node(name)) => {
            let Some(node) = sim.cluster.store.get::<Node>(name) else {
                return html! {
                    <div class="selbar" id="selbar" tabindex="-1"><span>{ tf(Key::NodeGone, lang, &[name]) }</span>
                        <button type="button" class="close" onclick={close} aria-label={t(Key::ClearSelection, lang)}>{ "×" }</button></div>
                };
            };
            let cordoned =
                node.spec.unschedulable || node.spec.taints.iter().any(|t| t.key == UNSCHEDULABLE);
            let taint = |key: &str, effect: &str| {
                act(Action::TaintNode {
                    name: name.clone(),
                    taint: Taint {
                        key: key.into(),
                        value: String::new(),
                        effect: effect.into(),
                        time_added: None,
                    },
                })
            };
            let label = |key: &str, value: Option<&str>| {
                act(Action::LabelNode {
                    name: name.clone(),
                    labels: crate::sort::to_map([(key.to_string(), value.map(str::to_string))]),
                })
            };
            let ssd = node.metadata.labels.get("disktype").map(String::as_str) == Some("ssd");
            let stopped = sim.kubelet_stopped(name);
            let out_of_service = node
                .spec
                .taints
                .iter()
                .any(|t| t.key == OUT_OF_SERVICE_TAINT);
            html! {
                <div class="selbar" id="selbar" tabindex="-1" role="group" aria-label={tf(Key::SelNode, lang, &[name])}>
                    <span class="selname">{ tf(Key::SelNode, lang, &[name]) }</span>
                    if cordoned {
                        <button type="button" id="uncordon" onclick={act(Action::Uncordon(name.clone()))}>{ t(Key::Uncordon, lang) }</button>
                    } else {
                        <button type="button" id="cordon" onclick={act(Action::Cordon(name.clone()))}
                            title={t(Key::CordonHint, lang)}>{ t(Key::Cordon, lang) }</button>
                    }
                    <button type="button" id="drain" onclick={act(Action::Drain(name.clone()))}
                        title={t(Key::DrainHint, lang)}>{ t(Key::Drain, lang) }</button>
                    <button type="button" id="taint-noschedule" onclick={taint("maintenance", "NoSchedule")}
                        title={t(Key::TaintNoScheduleHint, lang)}>{ t(Key::TaintNoSchedule, lang) }</button>
                    <button type="button" id="taint-noexecute" onclick={taint("maintenance", "NoExecute")}
                        title={t(Key::TaintNoExecuteHint, lang)}>{ t(Key::TaintNoExecute, lang) }</button>
                    // A cordoned node's own taint goes with Uncordon (the node lifecycle
                    // controller would put it back).
                    // Likewise the unreachable taints go when the kubelet is back.
                    { for node.spec.taints.iter().filter(|t| !(cordoned && t.key == crate::sim::UNSCHEDULABLE_TAINT) && t.key != UNREACHABLE_TAINT).map(|t| {
                        let key = format!("{}:{}", t.key, t.effect);
                        html! {
                            <button type="button" class="untaint" onclick={act(Action::UntaintNode { name: name.clone(), key: key.clone() })}
                                title={tf(Key::UntaintHint, lang, &[t])}>{ tf(Key::Untaint, lang, &[&key]) }</button>
                        }
                    }) }
                    if !ssd {
                        <button type="button" id="label-disktype" onclick={label("disktype", Some("ssd"))}
                            title={t(Key::LabelDiskHint, lang)}>{ t(Key::LabelDisk, lang) }</button>
                    }
                    { for node.metadata.labels.iter().filter(|(k, _)| user_label(k)).map(|(k, v)| {
                        let shown = if v.is_empty() { k.clone() } else { format!("{k}={v}") };
                        html! {
                            <button type="button" class="unlabel" onclick={label(k, None)}
                                title={tf(Key::UnlabelHint, lang, &[&shown])}>{ tf(Key::Unlabel, lang, &[k]) }</button>
                        }
                    }) }
                    if stopped && !out_of_service {
                        <button type="button" id="out-of-service" onclick={act(Action::TaintNode {
                                name: name.clone(),
                                taint: Taint {
                                    key: OUT_OF_SERVICE_TAINT.into(),
                                    value: "nodeshutdown".into(),
                                    effect: "NoExecute".into(),
                                    time_added: None,
                                },
                            })}
                            title={t(Key::OutOfServiceHint, lang)}>{ t(Key::OutOfService, lang) }</button>
                    }
                    if stopped {
                        <button type="button" id="start-kubelet" onclick={act(Action::StartKubelet(name.clone()))}
                            title={t(Key::StartKubeletHint, lang)}>{ t(Key::StartKubelet, lang) }</button>
                    } else {
                        <button type="button" id="stop-kubelet" onclick={act(Action::StopKubelet(name.clone()))}
                            title={t(Key::StopKubeletHint, lang)}>{ t(Key::StopKubelet, lang) }</button>
                    }
                    <button type="button" id="describe-node" onclick={cmd(format!("kubectl describe node {name}"))}>{ t(Key::Describe, lang) }</button>
                    <button type="button" id="remove-node" class="danger" onclick={act(Action::RemoveNode(name.clone()))}>{ t(Key::RemoveNode, lang) }</button>
                    <button type="button" class="close" onclick={close} aria-label={t(Key::ClearSelection, lang)}>{ "×" }</button>
                </div>
            }
        }
        None => html! {
            <p class="selbar hint" id="selbar">{ t(Key::SelectHint, lang) }</p>
        },
    }
}
