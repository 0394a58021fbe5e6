//! The contestants: each Rust runtime behind the same three small traits, so that one generic
//! version of each workload runs on all of them with no boxing on the hot paths.
//!
//! - [`Spawner`]: spawns from inside a task (and, for the runtimes that allow it, from anywhere).
//! - [`Prims`]: the runtime's own one-shot signal and one-slot channel.
//! - [`Session`]: one open runtime, as the shoot-out's `Contestant.Session`: spawns from the
//!   calling thread (outside the runtime), and blocks that thread on a future.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::thread;

/// Spawns tasks; cheap to copy into every task that spawns more.
pub trait Spawner: Copy + Send + Sync + 'static {
    /// A join handle: a future of the task's output.
    type Join<T: Send + 'static>: Future<Output = T> + Send + Unpin + 'static;

    /// Spawns `f` and returns its join handle.
    fn spawn<F>(self, f: F) -> Self::Join<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static;

    /// Spawns `f` and lets it run to completion with nobody waiting for it.
    fn spawn_detached<F>(self, f: F)
    where
        F: Future<Output = ()> + Send + 'static;
}

/// A boxed future; used only once per run or per chain, never per task.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// The runtime's own synchronisation primitives that the workloads use.
pub trait Prims: 'static {
    /// The sending side of a one-shot signal.
    type OnceTx: Send + 'static;
    /// The sending half of a one-slot channel of `u32`.
    type Tx: Send + 'static;
    /// The receiving half of a one-slot channel of `u32`.
    type Rx: Send + 'static;

    /// A one-shot signal: the sender fires it once, the receiver future completes then.
    fn oneshot() -> (Self::OnceTx, BoxFuture<()>);
    /// Fires a one-shot signal.
    fn fire(tx: Self::OnceTx);
    /// A bounded channel of capacity 1.
    fn bounded1() -> (Self::Tx, Self::Rx);
    /// Sends `value`, waiting while the slot is full.
    fn send(tx: &Self::Tx, value: u32) -> impl Future<Output = ()> + Send + '_;
    /// Receives a value, waiting while the slot is empty.
    fn recv(rx: &mut Self::Rx) -> impl Future<Output = u32> + Send + '_;
}

/// One open runtime, driven from the thread that calls it (the "outside" of the workloads).
pub trait Session {
    type Sp: Spawner;
    type P: Prims;

    /// The spawner for tasks to use (for Tokio it works only inside the runtime).
    fn spawner(&self) -> Self::Sp;

    /// Spawns `f` from the calling thread, outside the runtime.
    fn spawn_outside<F>(&self, f: F) -> <Self::Sp as Spawner>::Join<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static;

    /// Spawns `f` from the calling thread, outside the runtime, and drops its handle.
    fn spawn_outside_detached<F>(&self, f: F)
    where
        F: Future<Output = ()> + Send + 'static;

    /// Runs `f` to completion, blocking the calling thread.
    fn block_on<F: Future>(&self, f: F) -> F::Output;

    /// spawn_remote's first half: from a thread outside the runtime, spawns `n` tasks, task `i`
    /// returning `i`, and returns their handles in order. The calling thread is outside the
    /// runtime for every contestant but `tokio-current`, which overrides this.
    fn spawn_indexed(&self, n: u64) -> Vec<<Self::Sp as Spawner>::Join<u64>> {
        (0..n).map(|i| self.spawn_outside(async move { i })).collect()
    }

    /// spawn_remote: [`Session::spawn_indexed`], then await the handles in order and sum them.
    fn spawn_remote(&self, n: u64) -> u64 {
        let handles = self.spawn_indexed(n);
        self.block_on(crate::workloads::SumInOrder::new(handles))
    }
}

// ---------------------------------------------------------------------------------------------
// Tokio

/// Tokio's spawner: `tokio::spawn`, which finds the runtime of the calling task.
#[derive(Clone, Copy)]
pub struct TokioSpawner;

/// A Tokio join handle whose output is the task's (a panicked task fails the run).
pub struct TokioJoin<T>(tokio::task::JoinHandle<T>);

impl<T> Future for TokioJoin<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        match Pin::new(&mut self.0).poll(cx) {
            Poll::Ready(Ok(value)) => Poll::Ready(value),
            Poll::Ready(Err(e)) => panic!("a task failed: {e}"),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Spawner for TokioSpawner {
    type Join<T: Send + 'static> = TokioJoin<T>;

    fn spawn<F>(self, f: F) -> TokioJoin<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        TokioJoin(tokio::spawn(f))
    }

    fn spawn_detached<F>(self, f: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        drop(tokio::spawn(f));
    }
}

/// Tokio's `sync` module: `oneshot` and `mpsc::channel(1)`.
pub struct TokioPrims;

impl Prims for TokioPrims {
    type OnceTx = tokio::sync::oneshot::Sender<()>;
    type Tx = tokio::sync::mpsc::Sender<u32>;
    type Rx = tokio::sync::mpsc::Receiver<u32>;

    fn oneshot() -> (Self::OnceTx, BoxFuture<()>) {
        let (tx, rx) = tokio::sync::oneshot::channel();
        (tx, Box::pin(async move { rx.await.expect("signal dropped") }))
    }

    fn fire(tx: Self::OnceTx) {
        tx.send(()).expect("signal receiver gone");
    }

    fn bounded1() -> (Self::Tx, Self::Rx) {
        tokio::sync::mpsc::channel(1)
    }

    async fn send(tx: &Self::Tx, value: u32) {
        tx.send(value).await.expect("receiver gone")
    }

    async fn recv(rx: &mut Self::Rx) -> u32 {
        rx.recv().await.expect("sender gone")
    }
}

/// `tokio-current`: a current-thread runtime, driven by the thread that calls `block_on`.
/// Tasks spawned from outside while nobody drives it wait in its inject queue until `block_on`.
/// spawn_remote spawns from a plain thread of its own through a `Handle` while the calling thread
/// drives the runtime in `block_on`.
pub struct TokioCurrent {
    rt: tokio::runtime::Runtime,
    remote: RemoteThread,
}

impl TokioCurrent {
    pub fn open() -> TokioCurrent {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("tokio current-thread runtime");
        TokioCurrent { rt, remote: RemoteThread::start() }
    }
}

impl Session for TokioCurrent {
    type Sp = TokioSpawner;
    type P = TokioPrims;

    fn spawner(&self) -> TokioSpawner {
        TokioSpawner
    }

    fn spawn_outside<F>(&self, f: F) -> TokioJoin<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        TokioJoin(self.rt.spawn(f))
    }

    fn spawn_outside_detached<F>(&self, f: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        drop(self.rt.spawn(f));
    }

    fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    fn spawn_remote(&self, n: u64) -> u64 {
        let handle = self.rt.handle().clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.remote.run(Box::new(move || {
            let handles: Vec<TokioJoin<u64>> =
                (0..n).map(|i| TokioJoin(handle.spawn(async move { i }))).collect();
            let _ = tx.send(handles);
        }));
        self.rt.block_on(async move {
            let handles = rx.await.expect("the remote thread sent no handles");
            crate::workloads::SumInOrder::new(handles).await
        })
    }
}

/// `tokio-multi`: a multi-thread runtime of 2 workers; the calling thread is outside it.
pub struct TokioMulti {
    rt: tokio::runtime::Runtime,
}

impl TokioMulti {
    pub fn open(workers: usize) -> TokioMulti {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .build()
            .expect("tokio multi-thread runtime");
        TokioMulti { rt }
    }
}

impl Session for TokioMulti {
    type Sp = TokioSpawner;
    type P = TokioPrims;

    fn spawner(&self) -> TokioSpawner {
        TokioSpawner
    }

    fn spawn_outside<F>(&self, f: F) -> TokioJoin<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        TokioJoin(self.rt.spawn(f))
    }

    fn spawn_outside_detached<F>(&self, f: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        drop(self.rt.spawn(f));
    }

    fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }
}

/// A plain thread that runs jobs handed to it: the "thread outside the runtime" of
/// `tokio-current`'s spawn_remote, started once per session so that no run pays for a thread
/// start.
struct RemoteThread {
    jobs: Option<mpsc::Sender<Box<dyn FnOnce() + Send>>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl RemoteThread {
    fn start() -> RemoteThread {
        let (jobs, queue) = mpsc::channel::<Box<dyn FnOnce() + Send>>();
        let thread = thread::Builder::new()
            .name("remote-spawner".into())
            .spawn(move || {
                for job in queue {
                    job();
                }
            })
            .expect("remote spawner thread");
        RemoteThread { jobs: Some(jobs), thread: Some(thread) }
    }

    fn run(&self, job: Box<dyn FnOnce() + Send>) {
        self.jobs.as_ref().expect("open").send(job).expect("remote spawner thread gone");
    }
}

impl Drop for RemoteThread {
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// async-channel primitives (smol's, and async-std's `async_std::channel`, which re-exports it)

/// `async_channel::bounded(1)`, and `bounded(1)` as the one-shot signal.
pub struct AsyncChannelPrims;

impl Prims for AsyncChannelPrims {
    type OnceTx = async_channel::Sender<()>;
    type Tx = async_channel::Sender<u32>;
    type Rx = async_channel::Receiver<u32>;

    fn oneshot() -> (Self::OnceTx, BoxFuture<()>) {
        let (tx, rx) = async_channel::bounded(1);
        (tx, Box::pin(async move { rx.recv().await.expect("signal dropped") }))
    }

    fn fire(tx: Self::OnceTx) {
        tx.try_send(()).expect("signal receiver gone");
    }

    fn bounded1() -> (Self::Tx, Self::Rx) {
        async_channel::bounded(1)
    }

    async fn send(tx: &Self::Tx, value: u32) {
        tx.send(value).await.expect("receiver gone")
    }

    async fn recv(rx: &mut Self::Rx) -> u32 {
        rx.recv().await.expect("sender gone")
    }
}

/// async-std's channel: `async_std::channel::bounded(1)` (async-std 1.12 re-exports
/// async-channel, so this is [`AsyncChannelPrims`] reached through async-std's own path).
pub struct AsyncStdPrims;

impl Prims for AsyncStdPrims {
    type OnceTx = async_std::channel::Sender<()>;
    type Tx = async_std::channel::Sender<u32>;
    type Rx = async_std::channel::Receiver<u32>;

    fn oneshot() -> (Self::OnceTx, BoxFuture<()>) {
        let (tx, rx) = async_std::channel::bounded(1);
        (tx, Box::pin(async move { rx.recv().await.expect("signal dropped") }))
    }

    fn fire(tx: Self::OnceTx) {
        tx.try_send(()).expect("signal receiver gone");
    }

    fn bounded1() -> (Self::Tx, Self::Rx) {
        async_std::channel::bounded(1)
    }

    async fn send(tx: &Self::Tx, value: u32) {
        tx.send(value).await.expect("receiver gone")
    }

    async fn recv(rx: &mut Self::Rx) -> u32 {
        rx.recv().await.expect("sender gone")
    }
}

// ---------------------------------------------------------------------------------------------
// smol

/// smol's spawner: one `async_executor::Executor`, leaked so that tasks hold a plain reference.
#[derive(Clone, Copy)]
pub struct SmolSpawner(&'static async_executor::Executor<'static>);

impl Spawner for SmolSpawner {
    type Join<T: Send + 'static> = async_executor::Task<T>;

    fn spawn<F>(self, f: F) -> async_executor::Task<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.0.spawn(f)
    }

    fn spawn_detached<F>(self, f: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.0.spawn(f).detach();
    }
}

/// `smol`: one `Executor` run by one thread of its own (`smol::block_on(executor.run(..))`), as
/// smol's global executor runs by default (`SMOL_THREADS` = 1); the calling thread spawns into it
/// from outside and waits with `smol::block_on`. A fresh executor per session; each is leaked
/// (a few hundred bytes, empty once its thread stops).
pub struct Smol {
    executor: &'static async_executor::Executor<'static>,
    stop: Option<async_channel::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Smol {
    pub fn open() -> Smol {
        let executor: &'static async_executor::Executor<'static> =
            Box::leak(Box::new(async_executor::Executor::new()));
        let (stop, stopped) = async_channel::bounded::<()>(1);
        let thread = thread::Builder::new()
            .name("smol-executor".into())
            .spawn(move || {
                smol::block_on(executor.run(async move {
                    let _ = stopped.recv().await;
                }))
            })
            .expect("smol executor thread");
        Smol { executor, stop: Some(stop), thread: Some(thread) }
    }
}

impl Drop for Smol {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Session for Smol {
    type Sp = SmolSpawner;
    type P = AsyncChannelPrims;

    fn spawner(&self) -> SmolSpawner {
        SmolSpawner(self.executor)
    }

    fn spawn_outside<F>(&self, f: F) -> async_executor::Task<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.executor.spawn(f)
    }

    fn spawn_outside_detached<F>(&self, f: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.executor.spawn(f).detach();
    }

    fn block_on<F: Future>(&self, f: F) -> F::Output {
        smol::block_on(f)
    }
}

// ---------------------------------------------------------------------------------------------
// async-std

/// async-std's spawner: `async_std::task::spawn` on its global executor.
#[derive(Clone, Copy)]
pub struct AsyncStdSpawner;

impl Spawner for AsyncStdSpawner {
    type Join<T: Send + 'static> = async_std::task::JoinHandle<T>;

    fn spawn<F>(self, f: F) -> async_std::task::JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        async_std::task::spawn(f)
    }

    fn spawn_detached<F>(self, f: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        drop(async_std::task::spawn(f));
    }
}

/// `async-std`: its global runtime (async-global-executor), whose thread count main sets to 2
/// through `ASYNC_STD_THREAD_COUNT` before first use. It is global: every workload runs on the
/// same runtime, not a fresh one.
pub struct AsyncStd;

impl Session for AsyncStd {
    type Sp = AsyncStdSpawner;
    type P = AsyncStdPrims;

    fn spawner(&self) -> AsyncStdSpawner {
        AsyncStdSpawner
    }

    fn spawn_outside<F>(&self, f: F) -> async_std::task::JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        async_std::task::spawn(f)
    }

    fn spawn_outside_detached<F>(&self, f: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        drop(async_std::task::spawn(f));
    }

    fn block_on<F: Future>(&self, f: F) -> F::Output {
        async_std::task::block_on(f)
    }
}
