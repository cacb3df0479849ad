package io.github.ad4j.core;

import com.github.javaparser.ast.body.MethodDeclaration;
import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.MethodChecker;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.normalise.Normaliser;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import io.github.ad4j.core.rules.RuleTable;
import io.github.ad4j.core.simplify.BodySimplifier;
import io.github.ad4j.core.transform.CalleeAllocation;
import io.github.ad4j.core.transform.DerivativeForms;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Predicate;

/**
 * Every {@code @Differentiable} method of one run, each differentiated once, on whichever thread
 * first needs it: the generation of its class, or a caller's, which asks what the callee's forms
 * allocate ({@link CalleeAllocation}) so that its own workspace can hold the callee's.
 *
 * <p>A caller never asks that of a callee that calls back into it (recursion, directly or
 * through others): the two workspaces would hold each other. So a method waits only for methods
 * that cannot wait for it, and the threads cannot deadlock.
 */
final class DifferentiatedMethods {

  private final RuleTable rules;
  private final Callees callees;
  /** Each method by {@link #key} (the first, where a class declares two alike). */
  private final Map<String, DifferentiableMethod> methods = new LinkedHashMap<>();
  /** The methods of each method's class declared before it, by the method's declaration. */
  private final Map<MethodDeclaration, List<DifferentiableMethod>> earlier =
      new IdentityHashMap<>();

  private final Map<String, FutureTask<Procedure>> procedures = new ConcurrentHashMap<>();
  private final Map<String, FutureTask<Set<String>>> reachable = new ConcurrentHashMap<>();
  private final Map<String, FutureTask<DerivativeForms.Forms>> forms = new ConcurrentHashMap<>();
  private final Map<String, FutureTask<CalleeAllocation>> allocations = new ConcurrentHashMap<>();
  private final long stackBytes;

  /**
   * @param sources every parsed source of the run, the context's included
   * @param stackBytes the stack of the threads that work out what a callee allocates
   */
  DifferentiatedMethods(
      List<ParsedSource> sources, RuleTable rules, Callees callees, long stackBytes) {
    this.rules = rules;
    this.callees = callees;
    this.stackBytes = stackBytes;
    for (ParsedSource source : sources) {
      Map<String, List<DifferentiableMethod>> byClass = new LinkedHashMap<>();
      for (DifferentiableMethod method : DifferentiableMethod.findAll(source)) {
        List<DifferentiableMethod> before =
            byClass.computeIfAbsent(className(method), k -> new ArrayList<>());
        methods.putIfAbsent(key(method), method);
        earlier.put(method.declaration(), List.copyOf(before));
        before.add(method);
      }
    }
  }

  /**
   * The forms of {@code method}; throws what differentiating it throws (a rejected method, an
   * internal error), on every call.
   */
  DerivativeForms.Forms forms(DifferentiableMethod method) {
    String key = key(method);
    if (methods.get(key).declaration() != method.declaration()) {
      // a second method of that name and arity in the class, which the checker rejects: never
      // the one a call resolves to, so differentiated here, not once for all
      return differentiate(method, key, normalise(method));
    }
    return once(forms, key, () -> differentiate(method, key, procedure(key)));
  }

  private DerivativeForms.Forms differentiate(
      DifferentiableMethod method, String key, Procedure procedure) {
    Activity activity = Activity.of(procedure);
    boolean secondOrder = annotation(method, "Hessian").isPresent();
    // second derivatives differentiate the pushforward again, as simplified for output
    Predicate<Expr.Call> writers = DerivativeForms.writers(procedure);
    DerivativeForms.Options options =
        new DerivativeForms.Options(
            secondOrder ? m -> BodySimplifier.simplify(m, writers) : null,
            jacobianMode(method),
            callee -> allocation(key, callee));
    return DerivativeForms.of(procedure, activity, rules, options);
  }

  /**
   * What {@code callee}'s forms allocate, as the caller {@code callerKey} may count on. Worked
   * out on a thread of its own, whose stack is as deep as a class's generation has: a callee
   * differentiated for its caller, deep in the caller's stack, could otherwise overflow where it
   * would not on its own, and what is generated would depend on which was asked first.
   */
  private CalleeAllocation allocation(String callerKey, Callees.Callee callee) {
    String key = key(callee);
    DifferentiableMethod method = methods.get(key);
    if (method == null || !callee.differentiable()) {
      return CalleeAllocation.UNKNOWN;
    }
    return once(allocations, callerKey + ">" + key, () -> onOwnStack(() -> {
      if (reachable(key).contains(callerKey)) {
        return CalleeAllocation.UNKNOWN; // it calls back: its workspace would hold the caller's
      }
      try {
        return forms(method).allocation();
      } catch (RuntimeException | StackOverflowError e) {
        return CalleeAllocation.UNKNOWN; // reported where the callee's class is generated
      }
    }));
  }

  /** {@code work}'s value, computed on a new thread with the generation's deep stack. */
  private <T> T onOwnStack(Callable<T> work) throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(null, task, "ad4j-callee", stackBytes);
    try {
      thread.start();
    } catch (OutOfMemoryError e) {
      task.run(); // no room for another thread: here, as deep as the caller already is
    }
    return task.get();
  }

  /** The checked, normalised method; throws where it is rejected. */
  private Procedure procedure(String key) {
    return once(procedures, key, () -> normalise(methods.get(key)));
  }

  private Procedure normalise(DifferentiableMethod method) {
    MethodChecker.Signature signature =
        MethodChecker.check(method, earlier.get(method.declaration()));
    return Normaliser.normalise(method, signature, callees);
  }

  /** The methods {@code key} calls, directly or through others (itself where it recurses). */
  private Set<String> reachable(String key) {
    return once(reachable, key, () -> {
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(calls(key));
      while (!todo.isEmpty()) {
        String next = todo.pop();
        if (seen.add(next)) {
          todo.addAll(calls(next));
        }
      }
      return Set.copyOf(seen);
    });
  }

  /** The {@code @Differentiable} methods of the run that {@code key} calls. */
  private List<String> calls(String key) {
    Procedure procedure;
    try {
      procedure = procedure(key);
    } catch (RuntimeException | StackOverflowError e) {
      return List.of(); // rejected: it gets no forms, so no caller counts on them
    }
    List<String> called = new ArrayList<>();
    for (Callees.Callee callee : procedure.callees().values()) {
      if (callee.differentiable() && methods.containsKey(key(callee))) {
        called.add(key(callee));
      }
    }
    return called;
  }

  /**
   * The value {@code compute} gives for {@code key}, computed once, by the first thread to ask;
   * the others wait for it. What it throws is thrown to every caller.
   */
  private static <T> T once(Map<String, FutureTask<T>> memo, String key, Callable<T> compute) {
    FutureTask<T> task = new FutureTask<>(compute);
    FutureTask<T> first = memo.putIfAbsent(key, task);
    if (first == null) {
      task.run();
      first = task;
    }
    try {
      return first.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while differentiating", e);
    }
  }

  private static String key(DifferentiableMethod method) {
    return className(method) + "." + method.name() + "/"
        + method.declaration().getParameters().size();
  }

  private static String key(Callees.Callee callee) {
    String className =
        callee.packageName().isEmpty()
            ? callee.className()
            : callee.packageName() + "." + callee.className();
    return className + "." + callee.name() + "/" + callee.params().size();
  }

  /** The qualified name of the top-level class that declares {@code method}. */
  private static String className(DifferentiableMethod method) {
    String packageName = method.source().packageName();
    String simpleName = ParsedSource.topLevelType(method.owner()).getNameAsString();
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }

  /** The method's annotation {@code io.github.ad4j.<simpleName>}, written simply or qualified. */
  private static Optional<com.github.javaparser.ast.expr.AnnotationExpr> annotation(
      DifferentiableMethod method, String simpleName) {
    return method.declaration().getAnnotations().stream()
        .filter(a -> a.getNameAsString().equals(simpleName)
            || a.getNameAsString().equals("io.github.ad4j." + simpleName))
        .findFirst();
  }

  /** The mode {@code @Jacobian(...)} names: the last identifier of its value, AUTO without one. */
  private static DerivativeForms.JacobianMode jacobianMode(DifferentiableMethod method) {
    return annotation(method, "Jacobian")
        .flatMap(a -> a.isSingleMemberAnnotationExpr()
            ? Optional.of(a.asSingleMemberAnnotationExpr().getMemberValue().toString())
            : a.isNormalAnnotationExpr()
                ? a.asNormalAnnotationExpr().getPairs().stream()
                    .filter(p -> p.getNameAsString().equals("value"))
                    .map(p -> p.getValue().toString())
                    .findFirst()
                : Optional.empty())
        .map(value -> DerivativeForms.JacobianMode.valueOf(value.substring(value.lastIndexOf('.') + 1)))
        .orElse(DerivativeForms.JacobianMode.AUTO);
  }
}
