package io.github.ad4j.core.transform;

import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.analyse.WritingCalls;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.emit.GradClassEmitter;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.normalise.Names;
import io.github.ad4j.core.rules.RuleTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The generated API of one method {@code f}: what each form is called, what it takes and what it
 * hands back. Every form is the same pair of sweeps with a different ending; the simplifier then
 * prunes what that ending does not need.
 *
 * <ul>
 *   <li>{@code dfdx(params)}: one partial derivative;
 *   <li>{@code fGradient(params)}: a {@code FGradient} record with the value and every partial;
 *   <li>{@code fGradient(params, dfdx, ...)}: the value, adding each partial into the caller's
 *       arrays (element 0 for a scalar); allocates only the tapes and adjoint arrays its
 *       sweeps need, and its Javadoc says which;
 *   <li>{@code fPullback(params, seed, dfdx, ...)}: the same, adding {@code seed} times each
 *       partial: the vector-Jacobian product a caller's own backward sweep calls.
 * </ul>
 *
 * <p>Where the pullback would allocate tapes or adjoint arrays, the last two also take a {@code
 * FWorkspace} that keeps them between calls ({@link Workspaces}); the pullback that takes one
 * holds the sweeps, and the other three call it, without a workspace with a new one.
 */
public final class DerivativeForms {

  /**
   * The forms of one method.
   *
   * @param record the value-and-gradient record; null for a method returning {@code double[]}
   * @param methods the generated methods, in the order they appear in the class
   * @param report the method's section of the generation report, in Markdown
   * @param writers the calls in the generated code that write into arrays, which the simplifier
   *     keeps whatever their values
   * @param allocation what its pullback and accumulating forms allocate, for its callers
   */
  public record Forms(
      GradientRecord record,
      List<DerivativeMethod> methods,
      String report,
      java.util.function.Predicate<Expr.Call> writers,
      CalleeAllocation allocation) {
    public Forms {
      methods = List.copyOf(methods);
      java.util.Objects.requireNonNull(allocation, "allocation");
    }
  }

  /** How {@code fJacobian} builds the matrix: {@link io.github.ad4j.Jacobian.Mode}'s values. */
  public enum JacobianMode {
    AUTO,
    FORWARD,
    REVERSE
  }

  /**
   * What a method asks for beyond the first-order forms.
   *
   * @param secondOrder for a method that asks for second derivatives ({@code @Hessian}), the
   *     simplifier, which turns the pushforward into the final code that is differentiated again;
   *     null for one that does not
   * @param jacobian for a method returning {@code double[]}, how its Jacobian is built
   * @param callees what each callee's pullback and accumulating forms allocate, as the callee's
   *     own generation decided ({@link CalleeAllocation#UNKNOWN} where it cannot be known, or
   *     for a callee that calls back into this method)
   */
  public record Options(
      Function<DerivativeMethod, List<Stmt>> secondOrder,
      JacobianMode jacobian,
      Function<Callees.Callee, CalleeAllocation> callees) {
    /** First-order forms only, Jacobians built as the sizes suggest, callees unknown. */
    public static final Options FIRST_ORDER =
        new Options(null, JacobianMode.AUTO, callee -> CalleeAllocation.UNKNOWN);

    public Options {
      java.util.Objects.requireNonNull(jacobian, "jacobian");
      java.util.Objects.requireNonNull(callees, "callees");
    }
  }

  private final Procedure procedure;
  private final Activity activity;
  private final RuleTable rules;
  private final String link;

  private final Options options;

  private DerivativeForms(
      Procedure procedure, Activity activity, RuleTable rules, Options options) {
    this.procedure = procedure;
    this.activity = activity;
    this.rules = rules;
    this.options = options;
    this.link = "{@link " + procedure.className() + "#" + procedure.signature() + "}";
  }

  /**
   * Builds every form of {@code procedure}.
   *
   * @param options what the method asks for beyond the first-order forms
   */
  public static Forms of(
      Procedure procedure, Activity activity, RuleTable rules, Options options) {
    return new DerivativeForms(procedure, activity, rules, options).build();
  }

  private Forms build() {
    if (procedure.returnType().dimensions() > 0) {
      if (options.secondOrder() != null) {
        throw new io.github.ad4j.core.check.NotDifferentiableException(procedure.origin(),
            "@Hessian on " + procedure.name() + ", which returns a double[]: second derivatives"
                + " are of methods returning a number; remove @Hessian");
      }
      List<String> accumulators = new ArrayList<>();
      procedure.wrt().forEach(p -> accumulators.add(partialName(p)));
      DerivativeMethod pushforward =
          pushforward(
              ForwardTransformer.transform(
                  procedure, activity, rules, new Names(procedure.variables().keySet())));
      List<DerivativeMethod> methods =
          VectorForms.of(
              procedure, rules, this, options.jacobian(), accumulators, pushforward);
      return new Forms(null, methods, report(List.of()), writers(), CalleeAllocation.UNKNOWN);
    }
    Set<String> taken = new HashSet<>(procedure.variables().keySet());
    List<String> accumulators = new ArrayList<>();
    for (Param p : procedure.wrt()) {
      accumulators.add(partialName(p));
    }
    taken.addAll(accumulators);
    String seedName = new Names(taken).fresh("seed");
    taken.add(seedName);

    // one transformation, seeded with the pullback's parameter; the other forms seed it with 1
    Preaccumulation preaccumulation = Preaccumulation.of(procedure, activity, taken);
    Procedure reversed = preaccumulation.procedure();
    taken.addAll(reversed.variables().keySet());
    Sweeps seeded =
        ReverseTransformer.transform(
            reversed, reversed == procedure ? activity : Activity.of(reversed), rules,
            new Names(taken), new Expr.Var(seedName), preaccumulation.partials());
    Sweeps unit = seeded.withSeed(seedName, Expr.Literal.ofDouble(1));

    List<DerivativeMethod> methods = new ArrayList<>();
    for (Param p : procedure.wrt()) {
      methods.add(partial(p, unit));
    }
    GradientRecord record = record();
    methods.add(recordForm(record, unit));
    DerivativeMethod pullback = pullback(accumulators, seedName, seeded);
    Held held = held(pullback);
    DerivativeMethod.Workspace workspace = workspace(held);
    CalleeAllocation allocation = allocation(pullback, held, workspace);
    if (workspace == null) {
      // its own body, the sweeps seeded with 1 and folded, as the record form's: a call of the
      // pullback costs its seed multiplications and the call, a third of a small method's time
      methods.add(
          accumulating(
              gradientName(),
              "Returns " + procedure.name() + arguments() + " (see " + link + ") and adds each"
                  + " partial derivative to the caller's array: " + accumulationList("")
                  + "." + ALLOCATES_NOTHING + " the arrays are not cleared first.",
              procedure.returnType(),
              procedure.params(),
              accumulators,
              unit));
      methods.add(pullback);
    } else {
      // the sweeps once, in the form that takes a workspace; the others call it
      String note = workspaceNote(workspace);
      String heldNote = heldNote(workspace, allocation.allocatesWhenWarm());
      methods.add(accumulatingForm(accumulators, note, null, null));
      methods.add(
          accumulatingForm(accumulators, heldNote, workspace, new Expr.Var(workspace.name())));
      methods.add(
          callingPullback(
              pullbackName(), pullbackJavadoc(seedName) + note, new Expr.Var(seedName),
              accumulators, null, new Expr.NewRecord(workspace.type(), List.of())));
      methods.add(
          withWorkspace(pullback, pullbackJavadoc(seedName) + heldNote, workspace));
    }
    ForwardTransformer.Tangents tangents =
        ForwardTransformer.transform(
            procedure, activity, rules, new Names(procedure.variables().keySet()));
    DerivativeMethod pushforward = pushforward(tangents);
    methods.add(pushforward);
    if (writesParameterArrays(seeded)) {
      methods.add(pullbackInOut(accumulators, seedName, seeded.withoutKeptWrites()));
      methods.add(pushforwardInOut(
          ForwardTransformer.transformInOut(
              procedure, activity, rules, new Names(procedure.variables().keySet()))));
    }
    if (options.secondOrder() != null) {
      methods.addAll(
          SecondOrderForms.of(
              procedure, pushforward, options.secondOrder().apply(pushforward), rules, this));
    }
    return new Forms(record, methods, report(seeded.recomputed()), writers(), allocation);
  }

  /**
   * The head of the method's section of the generation report: what it is differentiated with
   * respect to, the variables that carry derivatives, and what the backward sweep recomputes
   * instead of taping. The generator adds a line per generated method, from its final code.
   */
  private String report(List<String> recomputed) {
    StringBuilder sb = new StringBuilder();
    sb.append("### `").append(procedure.className()).append('.').append(procedure.signature())
        .append("` (").append(procedure.origin().fileName()).append(':')
        .append(procedure.origin().line()).append(")\n\n");
    sb.append("- with respect to: ").append(wrtList().isEmpty() ? "nothing" : wrtList())
        .append('\n');
    sb.append("- active (carry derivatives): ")
        .append(activity.varied().stream().filter(procedure.variables()::containsKey)
            .map(v -> "`" + v + "`").collect(Collectors.joining(", ")))
        .append('\n');
    if (!recomputed.isEmpty()) {
      sb.append("- recomputed by the backward sweep instead of taped: ")
          .append(String.join(", ", recomputed)).append('\n');
    }
    return sb.toString();
  }

  private java.util.function.Predicate<Expr.Call> writers() {
    return writers(procedure);
  }

  /**
   * The calls in the generated code of {@code procedure} that write into arrays: the callees'
   * that do, their in/out forms, and the gradient forms that preaccumulated calls fill their
   * cells with. Every simplification of its forms keeps them, the second-order ones' too.
   */
  public static java.util.function.Predicate<Expr.Call> writers(Procedure procedure) {
    return WritingCalls.inGeneratedCode(procedure).or(Preaccumulation::isGradientCall);
  }

  /** Whether the method writes into one of its array parameters, itself or through a call. */
  private boolean writesParameterArrays(Sweeps sweeps) {
    return procedure.params().stream()
        .anyMatch(p -> p.type().dimensions() > 0 && sweeps.assigned().contains(p.name()));
  }

  /**
   * {@code fPullbackInOut}: the pullback a caller's backward sweep calls where {@code f} writes
   * into its arrays. An array's adjoint comes in as that of its contents after the call and goes
   * out as that of its contents before, in place.
   */
  private DerivativeMethod pullbackInOut(
      List<String> accumulators, String seedName, Sweeps sweeps) {
    List<Param> leading = new ArrayList<>(procedure.params());
    leading.add(new Param(JType.DOUBLE, seedName));
    return accumulating(
        names().pullbackInOut(),
        "The pullback of " + link + " that the backward sweeps of its callers call, since it"
            + " writes into its arrays: the same as {@code " + pullbackName() + "}, except that"
            + " each array's accumulator holds on entry the adjoint of the array's contents"
            + " after the call, and on return the adjoint of its contents before (with {@code "
            + seedName + "} times the partials added), and that the arrays are left as the"
            + " backward sweep leaves them: pass copies of their old contents. Allocates nothing;"
            + " the scalars' arrays are not cleared first.",
        procedure.returnType(),
        leading,
        procedure.wrt(),
        accumulators,
        sweeps,
        new Expr.Var(sweeps.result()),
        true);
  }

  /**
   * {@code fPushforwardInOut}: the pushforward a caller's forward sweep calls where {@code f}
   * writes into its arrays: it writes their tangents in place, as {@code f} writes the arrays.
   */
  private DerivativeMethod pushforwardInOut(ForwardTransformer.Tangents tangents) {
    DerivativeMethod plain = pushforward(tangents);
    return new DerivativeMethod(
        names().pushforwardInOut(),
        "The pushforward of " + link + " that the forward sweeps of its callers call, since it"
            + " writes into its arrays: the same as {@code " + pushforwardName() + "}, except"
            + " that the tangent of each array it writes is updated in place, to the tangent of"
            + " the array's new contents, as the method updates the array.",
        plain.returnType(),
        null,
        plain.params(),
        plain.forward(),
        plain.backward(),
        plain.tail(),
        plain.variables(),
        plain.receiver(),
        null);
  }

  private DerivativeMethod pushforward(ForwardTransformer.Tangents tangents) {
    List<Param> params = new ArrayList<>(procedure.params());
    params.addAll(tangents.tangentParams());
    Map<String, JType> variables = new LinkedHashMap<>(tangents.variables());
    StringBuilder sum = new StringBuilder();
    for (int i = 0; i < procedure.wrt().size(); i++) {
      Param p = procedure.wrt().get(i);
      sum.append(i == 0 ? "" : " + ").append("∂").append(procedure.name()).append("/∂")
          .append(p.name()).append(" · ")
          .append(tangents.tangentParams().get(i).name());
    }
    boolean vector = procedure.returnType().dimensions() > 0;
    return new DerivativeMethod(
        pushforwardName(),
        "The pushforward of " + link + ": the directional derivative {@code " + sum + "} in"
            + " the direction of the tangents, one per parameter and of its shape (the"
            + " Jacobian-vector product" + (vector ? ", a new array of the value's length" : ""
            + " a caller's own forward sweep needs") + "). One sweep, nothing taped.",
        vector ? new JType(JType.Primitive.DOUBLE, 1) : JType.DOUBLE,
        null,
        params,
        List.of(),
        tangents.body(),
        List.of(new Stmt.Return(tangents.tangent(), null)),
        variables,
        receiver(),
        null);
  }

  private DerivativeMethod partial(Param p, Sweeps sweeps) {
    Expr adjoint = outOf(p, sweeps.adjoints().get(p.name()));
    return new DerivativeMethod(
        partialName(p),
        "∂" + procedure.name() + "/∂" + p.name() + " of " + link + "."
            + (p.type().dimensions() > 0 ? " A new array of the shape of {@code " + p.name() + "}." : ""),
        p.type(),
        null,
        procedure.params(),
        sweeps.forward(),
        withArrayAdjoints(sweeps, Map.of()),
        List.of(new Stmt.Return(adjoint, null)),
        sweeps.variables(),
        receiver(),
        null);
  }

  private GradientRecord record() {
    List<Param> components = new ArrayList<>();
    components.add(new Param(procedure.returnType(), "value"));
    StringBuilder doc = new StringBuilder("The value and gradient of " + link + ".\n\n");
    doc.append("@param value ").append(procedure.name()).append(arguments()).append('\n');
    for (Param p : procedure.wrt()) {
      components.add(new Param(p.type(), partialName(p)));
      doc.append("@param ").append(partialName(p)).append(" ∂").append(procedure.name())
          .append("/∂").append(p.name()).append('\n');
    }
    return new GradientRecord(recordName(), doc.toString().strip(), components);
  }

  private DerivativeMethod recordForm(GradientRecord record, Sweeps sweeps) {
    List<Expr> args = new ArrayList<>();
    args.add(new Expr.Var(sweeps.result()));
    for (Param p : procedure.wrt()) {
      args.add(outOf(p, sweeps.adjoints().get(p.name())));
    }
    return new DerivativeMethod(
        gradientName(),
        "The value of " + link + " and its partial derivatives with respect to "
            + wrtList() + ", from one forward and one backward sweep.",
        null,
        record.name(),
        procedure.params(),
        sweeps.forward(),
        withArrayAdjoints(sweeps, Map.of()),
        List.of(new Stmt.Return(new Expr.NewRecord(record.name(), args), null)),
        sweeps.variables(),
        receiver(),
        null);
  }

  /** The sentence the Javadoc of a form that writes into the caller's arrays ends with. */
  private static final String ALLOCATES_NOTHING = " Allocates nothing;";

  /**
   * {@code javadoc}, whose "Allocates nothing;" is replaced by what the method allocates where
   * its statements may allocate: tapes, adjoints of local arrays, pullbacks of callees.
   */
  private String withAllocationNote(
      String javadoc, List<Stmt> forward, List<Stmt> backward, List<Stmt> tail) {
    List<Stmt> all = new ArrayList<>(forward);
    all.addAll(backward);
    all.addAll(tail);
    if (!javadoc.contains(ALLOCATES_NOTHING) || !mayAllocate(all)) {
      return javadoc;
    }
    return javadoc.replace(
        ALLOCATES_NOTHING,
        " Allocates the tapes and arrays its sweeps need (see the README, Allocation);");
  }

  private boolean mayAllocate(List<Stmt> statements) {
    return Allocations.mayAllocate(statements, Set.of(), this::calleeAllocation);
  }

  /**
   * {@code fGradient(params, accumulators[, workspace])}: the pullback with seed 1.
   *
   * @param takes the workspace it takes last, or null
   * @param workspaceArgument what it passes the pullback last, or null
   */
  private DerivativeMethod accumulatingForm(
      List<String> accumulators, String allocationNote, DerivativeMethod.Workspace takes,
      Expr workspaceArgument) {
    return callingPullback(
        gradientName(),
        "Returns " + procedure.name() + arguments() + " (see " + link + ") and adds each"
            + " partial derivative to the caller's array: " + accumulationList("")
            + "." + allocationNote,
        Expr.Literal.ofDouble(1), accumulators, takes, workspaceArgument);
  }

  /**
   * A form whose body is one call of the pullback: {@code return fPullback(params, seed,
   * accumulators[, workspace]);}.
   *
   * @param seed the seed it passes: {@code 1.0}, or the variable of its own seed parameter
   * @param takes the workspace it takes last, or null
   * @param workspaceArgument what it passes the pullback last, or null
   */
  private DerivativeMethod callingPullback(
      String name, String javadoc, Expr seed, List<String> accumulators,
      DerivativeMethod.Workspace takes, Expr workspaceArgument) {
    List<Param> params = new ArrayList<>(procedure.params());
    List<Expr> args = new ArrayList<>();
    if (procedure.receiver() != null) {
      args.add(new Expr.Var(procedure.receiver()));
    }
    procedure.params().forEach(p -> args.add(new Expr.Var(p.name())));
    args.add(seed);
    if (seed instanceof Expr.Var v) {
      params.add(new Param(JType.DOUBLE, v.name()));
    }
    for (int i = 0; i < accumulators.size(); i++) {
      params.add(new Param(accumulatorType(procedure.wrt().get(i)), accumulators.get(i)));
      args.add(new Expr.Var(accumulators.get(i)));
    }
    if (workspaceArgument != null) {
      args.add(workspaceArgument);
    }
    Map<String, JType> variables = new LinkedHashMap<>();
    params.forEach(p -> variables.put(p.name(), p.type()));
    return new DerivativeMethod(
        name,
        javadoc,
        procedure.returnType(),
        null,
        params,
        List.of(),
        List.of(),
        List.of(new Stmt.Return(new Expr.Call("", pullbackName(), args, procedure.returnType()), null)),
        variables,
        receiver(),
        takes);
  }

  /**
   * The workspace of the pullback's tapes and adjoint arrays, and of the workspaces of the
   * callees whose forms it calls that take one, where it allocates any that a workspace can hold
   * ({@link Workspaces}); null where it allocates none.
   */
  private DerivativeMethod.Workspace workspace(Held held) {
    Workspaces.Taken taken = held.taken();
    if (!taken.holdsAnything()) {
      return null;
    }
    String type = names().workspace();
    return new DerivativeMethod.Workspace(
        type,
        held.name(),
        "The tapes and arrays {@code " + gradientName() + "} and {@code " + pullbackName()
            + "} of " + link + " keep between calls when given this workspace as their last"
            + " argument, so that they are not allocated anew on every call.\n\n<p>A new"
            + " workspace holds nothing"
            + (taken.nested().isEmpty()
                ? ""
                : " but a new workspace for each method whose forms the sweeps call that take"
                    + " one, passed to them so that their tapes are kept too ("
                    + taken.nested().stream()
                        .map(n -> "{@code " + n.field() + "}")
                        .collect(Collectors.joining(", "))
                    + ")")
            + ". A call takes what it needs from it and keeps there what"
            + " it had to allocate: a tape grows to the largest call seen, the adjoint or copy of"
            + " an array takes that array's length. A call no larger than one before, with arrays"
            + " of the same lengths, allocates none of them.\n\n<p>Not thread-safe: use one workspace per thread, and"
            + " never the same one for two calls running at once (a call from within a call).",
        taken.nested());
  }

  /** The pullback's workspace parameter's name, and what its code would keep in it. */
  private record Held(String name, Workspaces.Taken taken) {}

  /** What the pullback would keep in a workspace, found once for the workspace and allocation. */
  private Held held(DerivativeMethod pullback) {
    Set<String> taken = new HashSet<>(pullback.variables().keySet());
    if (procedure.receiver() != null) {
      taken.add(procedure.receiver());
    }
    Names names = new Names(taken);
    String name = names.fresh("workspace");
    return new Held(
        name, Workspaces.take(statements(pullback), pullback.params(), name, nestable(names)));
  }

  /**
   * A workspace for each differentiable callee whose pullback and accumulating forms take one,
   * to be held by this method's, its field named after the callee.
   */
  private List<DerivativeMethod.Nested> nestable(Names names) {
    // sorted by the callee's generated class and name: the callees map's order changes from run
    // to run
    Map<String, Callees.Callee> held = new TreeMap<>();
    for (Callees.Callee callee : procedure.callees().values()) {
      if (callee.differentiable() && options.callees().apply(callee).workspace()) {
        held.putIfAbsent(owner(callee) + "." + callee.name(), callee);
      }
    }
    List<DerivativeMethod.Nested> nested = new ArrayList<>();
    for (Callees.Callee callee : held.values()) {
      DerivativeNames calleeNames = new DerivativeNames(callee.name());
      nested.add(
          new DerivativeMethod.Nested(
              names.fresh(callee.name() + "Workspace"),
              owner(callee),
              List.of(calleeNames.pullback(), calleeNames.gradient()),
              callee.packageName(),
              callee.className() + GradClassEmitter.SUFFIX,
              calleeNames.workspace()));
    }
    return nested;
  }

  /** The callee's generated class, as this method's generated code names it. */
  private String owner(Callees.Callee callee) {
    return callee.classReference(procedure.packageName()) + GradClassEmitter.SUFFIX;
  }

  /** What a call of a callee's form allocates: its callee's forms, as {@link Options} says. */
  private CalleeAllocation calleeAllocation(Expr.Call call) {
    for (Callees.Callee callee : procedure.callees().values()) {
      DerivativeNames calleeNames = new DerivativeNames(callee.name());
      if (callee.differentiable()
          && call.owner().equals(owner(callee))
          && (call.name().equals(calleeNames.pullback())
              || call.name().equals(calleeNames.gradient()))) {
        return options.callees().apply(callee);
      }
    }
    return CalleeAllocation.UNKNOWN; // an in/out form, which copies arrays, or one unknown
  }

  /** What this method's pullback and accumulating forms allocate, for its callers. */
  private CalleeAllocation allocation(
      DerivativeMethod pullback, Held held, DerivativeMethod.Workspace workspace) {
    if (workspace == null) {
      return new CalleeAllocation(false, mayAllocate(statements(pullback)));
    }
    return new CalleeAllocation(true, heldAllocates(held.taken()));
  }

  /** What the forms without a workspace say about allocation. */
  private static String workspaceNote(DerivativeMethod.Workspace workspace) {
    return " Allocates a new {@link " + workspace.type() + "}, and in it the tapes and arrays its"
        + " sweeps need: pass one as a last argument to keep them between calls (see the README,"
        + " Allocation); the arrays are not cleared first.";
  }

  /**
   * What the forms that take a workspace say about allocation: nothing, once the workspace has
   * served a call as large, unless they still allocate ({@code allocates}) more than it holds.
   */
  private static String heldNote(DerivativeMethod.Workspace workspace, boolean allocates) {
    return allocates
        ? " Keeps its tapes and arrays in {@code " + workspace.name() + "}, and allocates"
            + " what else its sweeps need, such as the method's own arrays (see the README,"
            + " Allocation); the arrays are not cleared first."
        : " Allocates nothing once {@code " + workspace.name() + "} has served a call at least"
            + " as large, with arrays of the same lengths; the arrays are not cleared first.";
  }

  /**
   * Whether the pullback, given its workspace once warm, still allocates. {@code held} is its
   * code taking from the workspace (with every nestable callee's workspace offered, of which it
   * takes only those it calls, as it does given just those).
   */
  private boolean heldAllocates(Workspaces.Taken held) {
    Set<String> tapes = new HashSet<>();
    held.fields().forEach(field -> tapes.add(field.name()));
    return Allocations.mayAllocate(held.body(), tapes, this::calleeAllocation);
  }

  private static List<Stmt> statements(DerivativeMethod m) {
    List<Stmt> all = new ArrayList<>(m.forward());
    all.addAll(m.backward());
    all.addAll(m.tail());
    return all;
  }

  /** {@code m} taking {@code workspace} last, documented by {@code javadoc}. */
  private static DerivativeMethod withWorkspace(
      DerivativeMethod m, String javadoc, DerivativeMethod.Workspace workspace) {
    return new DerivativeMethod(
        m.name(), javadoc, m.returnType(), m.returnRecord(),
        m.params(), m.forward(), m.backward(), m.tail(), m.variables(), m.receiver(), workspace);
  }

  private DerivativeMethod pullback(List<String> accumulators, String seedName, Sweeps sweeps) {
    List<Param> leading = new ArrayList<>(procedure.params());
    leading.add(new Param(JType.DOUBLE, seedName));
    return accumulating(
        pullbackName(),
        pullbackJavadoc(seedName) + ALLOCATES_NOTHING + " the arrays are not cleared first.",
        procedure.returnType(),
        leading,
        accumulators,
        sweeps);
  }

  /** The pullback's Javadoc, up to what it says about allocation. */
  private String pullbackJavadoc(String seedName) {
    return "The pullback of " + link + ": returns its value and adds {@code " + seedName
        + "} times each partial derivative to the caller's array: "
        + accumulationList(seedName + " · ") + ". With a seed that is the adjoint of the"
        + " value, this is the vector-Jacobian product a caller's own backward sweep needs.";
  }

  /**
   * A method that runs {@code sweeps}, adds the adjoint of each {@code wrt} parameter into the
   * caller's accumulator of that name, and returns the value.
   *
   * @param returnType the type of the value {@code sweeps} compute
   * @param leading the parameters before the accumulators
   */
  DerivativeMethod accumulating(
      String name, String javadoc, JType returnType, List<Param> leading,
      List<String> accumulators, Sweeps sweeps) {
    return accumulating(
        name, javadoc, returnType, leading, procedure.wrt(), accumulators, sweeps,
        new Expr.Var(sweeps.result()));
  }

  /**
   * The same, for the parameters {@code wrt} of the procedure the sweeps differentiate, returning
   * {@code returned} rather than the value the sweeps compute.
   */
  DerivativeMethod accumulating(
      String name, String javadoc, JType returnType, List<Param> leading, List<Param> wrt,
      List<String> accumulators, Sweeps sweeps, Expr returned) {
    return accumulating(
        name, javadoc, returnType, leading, wrt, accumulators, sweeps, returned, false);
  }

  /**
   * @param inOut whether the arrays the method writes into are adjoints in and out, used in
   *     place, rather than accumulators
   */
  private DerivativeMethod accumulating(
      String name, String javadoc, JType returnType, List<Param> leading, List<Param> wrt,
      List<String> accumulators, Sweeps sweeps, Expr returned, boolean inOut) {
    List<Param> params = new ArrayList<>(leading);
    List<Stmt> tail = new ArrayList<>();
    Map<String, String> direct = new LinkedHashMap<>();
    List<String> loopVariables = new ArrayList<>();
    List<Stmt> fromAccumulators = new ArrayList<>();
    for (int i = 0; i < accumulators.size(); i++) {
      Param p = wrt.get(i);
      String accumulator = accumulators.get(i);
      params.add(new Param(accumulatorType(p), accumulator));
      if (p.type().dimensions() == 0) {
        tail.add(
            new Stmt.Assign(
                new Expr.ArrayAccess(new Expr.Var(accumulator), Expr.Literal.ofInt(0)),
                AssignOp.ADD,
                // cast explicitly: a compound assignment's silent narrowing is a lint error on 21+
                outOf(p, sweeps.adjoints().get(p.name())),
                null));
      } else if ((inOut || !sweeps.assigned().contains(p.name()))
          && p.type().primitive() == JType.Primitive.DOUBLE) {
        // the method never writes p (or the caller hands in and takes back the adjoint of what it
        // writes): its adjoint accumulates straight into the caller's array
        direct.put(p.name(), accumulator);
      } else {
        Names loopNames = new Names(sweeps.variables().keySet());
        String i1 = loopNames.fresh("i");
        String i2 = loopNames.fresh("j");
        loopVariables.add(i1);
        loopVariables.add(i2);
        boolean inPlace = inOut && sweeps.assigned().contains(p.name());
        if (inPlace) {
          // a float array's adjoint (in double) starts from the adjoint of its new contents
          String k1 = loopNames.fresh("i");
          String k2 = loopNames.fresh("j");
          loopVariables.add(k1);
          loopVariables.add(k2);
          fromAccumulators.add(
              Loops.elementwise(
                  Names.adjoint(p.name()), AssignOp.SET, accumulator, p.type().dimensions(),
                  List.of(k1, k2), false));
        }
        tail.add(
            Loops.elementwise(
                accumulator, inPlace ? AssignOp.SET : AssignOp.ADD, Names.adjoint(p.name()),
                p.type().dimensions(), List.of(i1, i2),
                p.type().primitive() == JType.Primitive.FLOAT));
      }
    }
    tail.add(new Stmt.Return(returned, null));
    Map<String, JType> variables = new LinkedHashMap<>(sweeps.variables());
    params.forEach(p -> variables.put(p.name(), p.type()));
    loopVariables.forEach(v -> variables.put(v, JType.INT));
    List<Stmt> backward = new ArrayList<>(withArrayAdjoints(sweeps, direct));
    backward.addAll(sweeps.arrayAdjoints().size(), fromAccumulators);
    return new DerivativeMethod(
        name,
        withAllocationNote(javadoc, sweeps.forward(), backward, tail),
        returnType,
        null,
        params,
        sweeps.forward(),
        backward,
        tail,
        variables,
        receiver(),
        null);
  }

  /**
   * The backward sweep after the declarations of the adjoint arrays: each a new array of zeros,
   * or the caller's accumulator where {@code direct} names one.
   */
  private static List<Stmt> withArrayAdjoints(Sweeps sweeps, Map<String, String> direct) {
    List<Stmt> out = new ArrayList<>();
    for (Map.Entry<String, Expr> entry : sweeps.arrayAdjoints().entrySet()) {
      String array = entry.getKey();
      JType type = sweeps.variables().get(Names.adjoint(array));
      Expr init = direct.containsKey(array) ? new Expr.Var(direct.get(array)) : entry.getValue();
      out.add(new Stmt.Declare(type, Names.adjoint(array), init, null));
    }
    out.addAll(sweeps.backward());
    return out;
  }

  /**
   * A partial as the caller receives it: {@code float} parameters get {@code float} partials
   * ({@code float[]} ones a {@code float[]} copy of the {@code double[]} adjoint).
   */
  private static Expr outOf(Param p, Expr adjoint) {
    if (p.type().primitive() == JType.Primitive.DOUBLE) {
      return adjoint;
    }
    if (p.type().dimensions() > 0) {
      return new Expr.Call("", "toFloats", List.of(adjoint), p.type());
    }
    return new Expr.Cast(p.type(), adjoint);
  }

  DerivativeMethod.Receiver receiver() {
    return procedure.receiver() == null
        ? null
        : new DerivativeMethod.Receiver(procedure.className(), procedure.receiver());
  }

  /** A scalar's accumulator is a one-element array; an array's is an array of its shape. */
  static JType accumulatorType(Param p) {
    return p.type().dimensions() == 0 ? new JType(p.type().primitive(), 1) : p.type();
  }

  private String partialName(Param p) {
    return names().partial(p.name());
  }

  private String gradientName() {
    return names().gradient();
  }

  private String pullbackName() {
    return names().pullback();
  }

  String pushforwardName() {
    return names().pushforward();
  }

  private String recordName() {
    return names().record();
  }

  /** The names of the generated methods of this method. */
  DerivativeNames names() {
    return new DerivativeNames(procedure.name());
  }

  String link() {
    return link;
  }

  private String arguments() {
    return procedure.params().stream().map(Param::name).collect(Collectors.joining(", ", "(", ")"));
  }

  private String wrtList() {
    return procedure.wrt().stream().map(Param::name).collect(Collectors.joining(", "));
  }

  private String accumulationList(String factor) {
    return procedure.wrt().stream()
        .map(p -> "{@code " + partialName(p) + (p.type().dimensions() == 0 ? "[0]" : "") + " += "
            + factor + "∂" + procedure.name() + "/∂" + p.name() + "}")
        .collect(Collectors.joining(", "));
  }
}
