//! The standard workloads of docs/workloads.md (/work/shared/WORKLOADS.md), written once over the
//! traits of [`crate::runtimes`], at the sizes of the Java shoot-out's `StandardWorkloads.full()`.
//! Each run does the same work every time and panics if its result is wrong, so a broken runtime
//! fails rather than looks fast. The futures that the Java versions write by hand (the yielder,
//! a skynet node, a chain link) are hand-written here too; the rest are async blocks.

use crate::runtimes::{Prims, Session, Spawner};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// spawn_many's N.
pub const SPAWN_MANY: u64 = 100_000;
/// spawn_remote's N.
pub const SPAWN_REMOTE: u64 = 100_000;
/// yield_many's T.
pub const YIELD_TASKS: u64 = 200;
/// yield_many's Y.
pub const YIELDS: u32 = 1_000;
/// ping_pong's P.
pub const PING_PONG_PAIRS: u64 = 1_000;
/// ping_pong's R.
pub const ROUND_TRIPS: u32 = 100;
/// chained_spawn's D.
pub const CHAIN_DEPTH: u32 = 1_000;
/// chained_spawn's C.
pub const CHAINS: u32 = 100;
/// skynet's depth.
pub const SKYNET_DEPTH: u32 = 6;

/// One of the standard workloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    SpawnMany,
    SpawnRemote,
    YieldMany,
    PingPong,
    ChainedSpawn,
    Skynet,
}

impl Workload {
    pub const ALL: [Workload; 6] = [
        Workload::SpawnMany,
        Workload::SpawnRemote,
        Workload::YieldMany,
        Workload::PingPong,
        Workload::ChainedSpawn,
        Workload::Skynet,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Workload::SpawnMany => "spawn_many",
            Workload::SpawnRemote => "spawn_remote",
            Workload::YieldMany => "yield_many",
            Workload::PingPong => "ping_pong",
            Workload::ChainedSpawn => "chained_spawn",
            Workload::Skynet => "skynet",
        }
    }

    /// What one unit of work is, as the Java shoot-out names it.
    pub fn unit(self) -> &'static str {
        match self {
            Workload::SpawnMany | Workload::SpawnRemote | Workload::Skynet => "task",
            Workload::YieldMany => "yield",
            Workload::PingPong => "round trip",
            Workload::ChainedSpawn => "spawn",
        }
    }

    pub fn units_per_run(self) -> u64 {
        match self {
            Workload::SpawnMany => SPAWN_MANY,
            Workload::SpawnRemote => SPAWN_REMOTE,
            Workload::YieldMany => YIELD_TASKS * YIELDS as u64,
            Workload::PingPong => PING_PONG_PAIRS * ROUND_TRIPS as u64,
            Workload::ChainedSpawn => CHAIN_DEPTH as u64 * CHAINS as u64,
            Workload::Skynet => skynet_tasks(SKYNET_DEPTH),
        }
    }

    /// Runs the workload once on `session`, from the calling thread, and checks its result.
    pub fn run<S: Session>(self, session: &S) {
        match self {
            Workload::SpawnMany => spawn_many(session, SPAWN_MANY),
            Workload::SpawnRemote => spawn_remote(session, SPAWN_REMOTE),
            Workload::YieldMany => yield_many(session, YIELD_TASKS, YIELDS),
            Workload::PingPong => ping_pong(session, PING_PONG_PAIRS, ROUND_TRIPS),
            Workload::ChainedSpawn => chained_spawn(session, CHAIN_DEPTH, CHAINS),
            Workload::Skynet => skynet(session, SKYNET_DEPTH),
        }
    }
}

/// Awaits join handles one after another, in order, and sums their outputs.
pub struct SumInOrder<J> {
    handles: Vec<J>,
    next: usize,
    sum: u64,
}

impl<J> SumInOrder<J> {
    pub fn new(handles: Vec<J>) -> SumInOrder<J> {
        SumInOrder { handles, next: 0, sum: 0 }
    }
}

impl<J: Future<Output = u64> + Unpin> Future for SumInOrder<J> {
    type Output = u64;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        let this = &mut *self;
        while this.next < this.handles.len() {
            match Pin::new(&mut this.handles[this.next]).poll(cx) {
                Poll::Ready(value) => {
                    this.sum += value;
                    this.next += 1;
                }
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(this.sum)
    }
}

/// What the tasks of a spawn_many share: the counter and the signal the last one fires.
struct SpawnManyShared<Tx> {
    counter: AtomicU64,
    done: Mutex<Option<Tx>>,
}

/// spawn_many: from inside one task, spawn N tasks; each adds 1 to a shared counter; the one
/// that brings it to N signals completion, which the spawner awaits.
fn spawn_many<S: Session>(session: &S, tasks: u64) {
    let spawner = session.spawner();
    let (done, signal) = S::P::oneshot();
    let shared =
        Arc::new(SpawnManyShared { counter: AtomicU64::new(0), done: Mutex::new(Some(done)) });
    let spawning = session.spawn_outside(async move {
        for _ in 0..tasks {
            let shared = Arc::clone(&shared);
            spawner.spawn_detached(async move {
                if shared.counter.fetch_add(1, Ordering::AcqRel) + 1 == tasks {
                    let done = shared.done.lock().unwrap().take().expect("signalled twice");
                    S::P::fire(done);
                }
            });
        }
        signal.await;
        true
    });
    assert!(session.block_on(spawning), "spawn_many");
}

/// spawn_remote: from a thread outside the runtime, spawn N tasks (each returns its index), then
/// await every join handle in order; the sum is checked.
fn spawn_remote<S: Session>(session: &S, tasks: u64) {
    let sum = session.spawn_remote(tasks);
    let expected = tasks * (tasks - 1) / 2;
    assert_eq!(sum, expected, "spawn_remote sum");
}

/// A task that wakes itself and returns Pending `yields` times, then returns 1.
struct Yielder {
    left: u32,
}

impl Future for Yielder {
    type Output = u64;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.left == 0 {
            return Poll::Ready(1);
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// yield_many: T tasks each yield Y times, then finish; all are awaited.
fn yield_many<S: Session>(session: &S, tasks: u64, yields: u32) {
    let handles: Vec<_> =
        (0..tasks).map(|_| session.spawn_outside(Yielder { left: yields })).collect();
    assert_eq!(session.block_on(SumInOrder::new(handles)), tasks, "yield_many");
}

/// ping_pong: P pairs of tasks; within a pair A sends to B and B answers A, R round trips per pair,
/// over the runtime's one-slot channels; all pairs are awaited.
fn ping_pong<S: Session>(session: &S, pairs: u64, round_trips: u32) {
    let mut handles = Vec::with_capacity(2 * pairs as usize);
    for _ in 0..pairs {
        let (ping_tx, mut ping_rx) = S::P::bounded1();
        let (pong_tx, mut pong_rx) = S::P::bounded1();
        handles.push(session.spawn_outside(async move {
            for r in 0..round_trips {
                S::P::send(&ping_tx, r).await;
                let answer = S::P::recv(&mut pong_rx).await;
                assert_eq!(answer, r, "ping_pong answer");
            }
            1u64
        }));
        handles.push(session.spawn_outside(async move {
            for _ in 0..round_trips {
                let value = S::P::recv(&mut ping_rx).await;
                S::P::send(&pong_tx, value).await;
            }
            1u64
        }));
    }
    assert_eq!(session.block_on(SumInOrder::new(handles)), 2 * pairs, "ping_pong");
}

/// A link of a chain: spawns the next link, or, the last one, signals.
struct Link<Sp, P: Prims> {
    spawner: Sp,
    remaining: u32,
    done: Option<P::OnceTx>,
}

impl<Sp, P: Prims> Unpin for Link<Sp, P> {}

impl<Sp: Spawner, P: Prims> Future for Link<Sp, P> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        let done = self.done.take().expect("a link polled after it finished");
        if self.remaining == 1 {
            P::fire(done);
        } else {
            let next: Link<Sp, P> =
                Link { spawner: self.spawner, remaining: self.remaining - 1, done: Some(done) };
            self.spawner.spawn_detached(next);
        }
        Poll::Ready(())
    }
}

/// chained_spawn: a task spawns a child, which spawns a child, and so on to depth D; the last
/// signals completion; C chains one after another, each awaited from outside.
fn chained_spawn<S: Session>(session: &S, depth: u32, chains: u32) {
    for _ in 0..chains {
        let (done, signal) = S::P::oneshot();
        let first: Link<S::Sp, S::P> =
            Link { spawner: session.spawner(), remaining: depth, done: Some(done) };
        session.spawn_outside_detached(first);
        session.block_on(signal);
    }
}

/// The tasks of a skynet of `depth` levels below the root: 1 + 10 + ... + 10^depth.
pub fn skynet_tasks(depth: u32) -> u64 {
    (0..=depth).map(|level| 10u64.pow(level)).sum()
}

/// A skynet node: a leaf returns its number; a parent spawns its ten children and returns the sum
/// of their join handles, awaited in order.
struct Node<Sp: Spawner> {
    spawner: Sp,
    number: u64,
    depth: u32,
    children: Option<SumInOrder<Sp::Join<u64>>>,
}

impl<Sp: Spawner> Unpin for Node<Sp> {}

impl<Sp: Spawner> Future for Node<Sp> {
    type Output = u64;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.depth == 0 {
            return Poll::Ready(self.number);
        }
        let (spawner, number, depth) = (self.spawner, self.number, self.depth);
        let children = self.children.get_or_insert_with(|| {
            let mut handles = Vec::with_capacity(10);
            for i in 0..10 {
                handles.push(spawner.spawn(Node {
                    spawner,
                    number: number * 10 + i,
                    depth: depth - 1,
                    children: None,
                }));
            }
            SumInOrder::new(handles)
        });
        Pin::new(children).poll(cx)
    }
}

/// skynet: a 10-ary tree of tasks; the root's sum is checked.
fn skynet<S: Session>(session: &S, depth: u32) {
    let leaves = 10u64.pow(depth);
    let expected = leaves * (leaves - 1) / 2;
    let root = session.spawn_outside(Node {
        spawner: session.spawner(),
        number: 0,
        depth,
        children: None,
    });
    assert_eq!(session.block_on(root), expected, "skynet sum");
}
