package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Files and classes are generated on several threads: results come back in the tasks' order
 * whoever finishes first, every task runs even when one fails, and a failure reaches the caller.
 */
class InParallelTest {

  private static final long STACK = 1024 * 1024;

  @Test
  void resultsComeBackInTheTasksOrderWhicheverThreadFinishesFirst() {
    Random random = new Random(7);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Supplier<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      int sleep = random.nextInt(3);
      tasks.add(
          () -> {
            threads.add(Thread.currentThread().getName());
            sleepMillis(sleep);
            return n * n;
          });
    }
    List<Integer> results = InParallel.run(tasks, STACK, 4);
    for (int i = 0; i < 200; i++) {
      assertThat(results.get(i)).isEqualTo(i * i);
    }
    assertThat(threads).as("threads that ran tasks").hasSizeGreaterThan(1);
  }

  @Test
  void everyTaskRunsAndTheFirstTasksFailureIsThrown() {
    AtomicInteger ran = new AtomicInteger();
    List<Supplier<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      tasks.add(
          () -> {
            ran.incrementAndGet();
            if (n == 30) {
              throw new IllegalStateException("task 30");
            }
            if (n == 12) {
              throw new StackOverflowError("task 12");
            }
            return "ok";
          });
    }
    assertThatThrownBy(() -> InParallel.run(tasks, STACK, 3))
        .isInstanceOf(StackOverflowError.class)
        .hasMessage("task 12");
    assertThat(ran).hasValue(50);
  }

  @Test
  void oneThreadOrNoTasksRunOnTheCaller() {
    Thread caller = Thread.currentThread();
    assertThat(InParallel.run(List.<Supplier<Thread>>of(Thread::currentThread), STACK, 8))
        .containsExactly(caller);
    assertThat(InParallel.run(List.<Supplier<Thread>>of(Thread::currentThread, Thread::currentThread), STACK, 1))
        .containsExactly(caller, caller);
    assertThat(InParallel.run(List.<Supplier<String>>of(), STACK, 8)).isEmpty();
  }

  private static void sleepMillis(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
