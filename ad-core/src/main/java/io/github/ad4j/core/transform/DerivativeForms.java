package io.github.ad4j.core.transform;

import io.github.ad4j.core.analyse.Activity;
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
 */
public final class DerivativeForms {

  /**
   * The forms of one method.
   *
   * @param record the value-and-gradient record
   * @param methods the generated methods, in the order they appear in the class
   */
  public record Forms(GradientRecord record, List<DerivativeMethod> methods) {
    public Forms {
      methods = List.copyOf(methods);
    }
  }

  private final Procedure procedure;
  private final Activity activity;
  private final RuleTable rules;
  private final String link;

  private DerivativeForms(Procedure procedure, Activity activity, RuleTable rules) {
    this.procedure = procedure;
    this.activity = activity;
    this.rules = rules;
    this.link = "{@link " + procedure.className() + "#" + procedure.signature() + "}";
  }

  /** Builds every form of {@code procedure}. */
  public static Forms of(Procedure procedure, Activity activity, RuleTable rules) {
    return new DerivativeForms(procedure, activity, rules).build();
  }

  private Forms build() {
    Set<String> taken = new HashSet<>(procedure.variables().keySet());
    List<String> accumulators = new ArrayList<>();
    for (Param p : procedure.wrt()) {
      accumulators.add(partialName(p));
    }
    taken.addAll(accumulators);
    String seedName = new Names(taken).fresh("seed");
    taken.add(seedName);

    // one transformation, seeded with the pullback's parameter; the other forms seed it with 1
    Sweeps seeded =
        ReverseTransformer.transform(
            procedure, activity, rules, new Names(taken), new Expr.Var(seedName));
    Sweeps unit = seeded.withSeed(seedName, Expr.Literal.ofDouble(1));

    List<DerivativeMethod> methods = new ArrayList<>();
    for (Param p : procedure.wrt()) {
      methods.add(partial(p, unit));
    }
    GradientRecord record = record();
    methods.add(recordForm(record, unit));
    DerivativeMethod pullback = pullback(accumulators, seedName, seeded);
    String allocationNote =
        allocationNote(pullback.forward(), pullback.backward(), pullback.tail());
    methods.add(accumulatingForm(accumulators, seedName, allocationNote));
    methods.add(pullback);
    return new Forms(record, methods);
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
        receiver());
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
        receiver());
  }

  /**
   * What the Javadoc of the forms that write into the caller's arrays says about allocation:
   * "nothing" only where nothing is (README, "Allocation").
   */
  private static String allocationNote(
      List<Stmt> forward, List<Stmt> backward, List<Stmt> tail) {
    boolean allocates =
        Allocations.mayAllocate(forward)
            || Allocations.mayAllocate(backward)
            || Allocations.mayAllocate(tail);
    return allocates
        ? " Allocates the tapes and arrays its sweeps need (see the README, Allocation); the"
            + " arrays are not cleared first."
        : " Allocates nothing; the arrays are not cleared first.";
  }

  private DerivativeMethod accumulatingForm(
      List<String> accumulators, String seedName, String allocationNote) {
    List<Param> params = new ArrayList<>(procedure.params());
    List<Expr> args = new ArrayList<>();
    if (procedure.receiver() != null) {
      args.add(new Expr.Var(procedure.receiver()));
    }
    procedure.params().forEach(p -> args.add(new Expr.Var(p.name())));
    args.add(Expr.Literal.ofDouble(1));
    for (int i = 0; i < accumulators.size(); i++) {
      params.add(new Param(accumulatorType(procedure.wrt().get(i)), accumulators.get(i)));
      args.add(new Expr.Var(accumulators.get(i)));
    }
    Map<String, JType> variables = new LinkedHashMap<>();
    params.forEach(p -> variables.put(p.name(), p.type()));
    return new DerivativeMethod(
        gradientName(),
        "Returns " + procedure.name() + arguments() + " (see " + link + ") and adds each"
            + " partial derivative to the caller's array: " + accumulationList("")
            + "." + allocationNote,
        procedure.returnType(),
        null,
        params,
        List.of(),
        List.of(),
        List.of(new Stmt.Return(new Expr.Call("", pullbackName(), args, procedure.returnType()), null)),
        variables,
        receiver());
  }

  private DerivativeMethod pullback(List<String> accumulators, String seedName, Sweeps sweeps) {
    List<Param> params = new ArrayList<>(procedure.params());
    params.add(new Param(JType.DOUBLE, seedName));
    List<Stmt> tail = new ArrayList<>();
    Map<String, String> direct = new LinkedHashMap<>();
    List<String> loopVariables = new ArrayList<>();
    for (int i = 0; i < accumulators.size(); i++) {
      Param p = procedure.wrt().get(i);
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
      } else if (!sweeps.assigned().contains(p.name())
          && p.type().primitive() == JType.Primitive.DOUBLE) {
        // the method never writes p: its adjoint accumulates straight into the caller's array
        direct.put(p.name(), accumulator);
      } else {
        Names loopNames = new Names(sweeps.variables().keySet());
        String i1 = loopNames.fresh("i");
        String i2 = loopNames.fresh("j");
        loopVariables.add(i1);
        loopVariables.add(i2);
        tail.add(
            Loops.elementwise(
                accumulator, AssignOp.ADD, Names.adjoint(p.name()), p.type().dimensions(),
                List.of(i1, i2), p.type().primitive() == JType.Primitive.FLOAT));
      }
    }
    tail.add(new Stmt.Return(new Expr.Var(sweeps.result()), null));
    Map<String, JType> variables = new LinkedHashMap<>(sweeps.variables());
    params.forEach(p -> variables.put(p.name(), p.type()));
    loopVariables.forEach(v -> variables.put(v, JType.INT));
    List<Stmt> backward = withArrayAdjoints(sweeps, direct);
    return new DerivativeMethod(
        pullbackName(),
        "The pullback of " + link + ": returns its value and adds {@code " + seedName
            + "} times each partial derivative to the caller's array: "
            + accumulationList(seedName + " · ") + ". With a seed that is the adjoint of the"
            + " value, this is the vector-Jacobian product a caller's own backward sweep needs."
            + allocationNote(sweeps.forward(), backward, tail),
        procedure.returnType(),
        null,
        params,
        sweeps.forward(),
        backward,
        tail,
        variables,
        receiver());
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

  private DerivativeMethod.Receiver receiver() {
    return procedure.receiver() == null
        ? null
        : new DerivativeMethod.Receiver(procedure.className(), procedure.receiver());
  }

  /** A scalar's accumulator is a one-element array; an array's is an array of its shape. */
  private static JType accumulatorType(Param p) {
    return p.type().dimensions() == 0 ? new JType(p.type().primitive(), 1) : p.type();
  }

  private String partialName(Param p) {
    return "d" + procedure.name() + "d" + p.name();
  }

  private String gradientName() {
    return procedure.name() + "Gradient";
  }

  private String pullbackName() {
    return procedure.name() + "Pullback";
  }

  private String recordName() {
    String f = procedure.name();
    return Character.toUpperCase(f.charAt(0)) + f.substring(1) + "Gradient";
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
