package io.github.ad4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs independent tasks on the machine's cores and returns their results in the tasks' order,
 * so that what is generated never depends on which thread finished first. Each thread has the
 * deep stack the stages need; the calling thread takes tasks too. Where no thread can be started
 * (a tight memory limit) the caller runs them all.
 */
final class InParallel {

  private InParallel() {}

  /**
   * The results of {@code tasks}, in their order. An exception or error a task throws is thrown
   * here, the first task's first, after every task has run.
   *
   * @param stackBytes the stack of each thread started
   */
  static <T> List<T> run(List<Supplier<T>> tasks, long stackBytes) {
    return run(tasks, stackBytes, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #run(List, long)}, on at most {@code threads} threads, the caller's included. */
  static <T> List<T> run(List<Supplier<T>> tasks, long stackBytes, int threads) {
    Object[] results = new Object[tasks.size()];
    Throwable[] failures = new Throwable[tasks.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
            try {
              results[i] = tasks.get(i).get();
            } catch (RuntimeException | Error e) {
              failures[i] = e;
            }
          }
        };
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < Math.min(threads, tasks.size()) - 1; t++) {
      Thread thread = new Thread(null, worker, "ad4j-generator-" + (t + 1), stackBytes);
      try {
        thread.start();
      } catch (OutOfMemoryError e) {
        break; // no room for another thread: those started and this one do the work
      }
      started.add(thread);
    }
    worker.run();
    boolean interrupted = false;
    for (Thread thread : started) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the tasks hold no lock and finish; keep the interrupt for later
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (Throwable failure : failures) {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) Arrays.asList(results);
    return list;
  }
}
