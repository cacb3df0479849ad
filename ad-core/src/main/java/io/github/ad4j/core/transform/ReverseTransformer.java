package io.github.ad4j.core.transform;

import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.analyse.WritingCalls;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.emit.GradClassEmitter;
import io.github.ad4j.core.normalise.ExpressionConverter;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Tapes;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.ir.Types;
import io.github.ad4j.core.normalise.Names;
import io.github.ad4j.core.rules.RuleTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode: builds the forward and backward sweeps of a normalised method.
 *
 * <p>The forward sweep is the method itself, recording what the backward sweep will need: before
 * an assignment overwrites a value the backward sweep reads, it saves the value (in a local at the
 * top level, on a primitive stack, a "tape", inside branches and loops); it records each branch
 * taken and each loop's trip count; and at the end of a block inside a loop or branch it saves
 * the final values of the block's own variables that the backward sweep reads, since they go out
 * of scope.
 *
 * <p>The backward sweep visits the statements in reverse: for {@code t = e} it adds {@code dt *
 * ∂e/∂u} to the adjoint {@code du} of every variable or element {@code u} that {@code e} reads,
 * sets {@code dt} to its share of its own old value ({@code 0} unless {@code e} reads {@code t}),
 * and restores {@code t}. A branch replays the recorded decision; a loop runs its recorded trip
 * count backwards, counting a canonical {@code for} loop's index down instead of taping it.
 *
 * <p>Only values the backward sweep reads are saved (the to-be-recorded analysis): the sweeps are
 * built once saving everything, the variables the backward sweep reads are collected, and the
 * sweeps are built again saving only those.
 *
 * <p>Outside branches and loops, adjoints are tracked as structurally zero until something is
 * added, so the first contribution declares the adjoint ({@code double dx = ...}) and zero
 * contributions vanish. An adjoint that a branch or loop touches is declared before it.
 */
public final class ReverseTransformer {

  /**
   * Initial capacity of a tape whose length is not known on entry: it doubles when full, so
   * pushes cost amortised O(1).
   */
  private static final int TAPE_CAPACITY = 16;

  /** Where an adjoint stands while the backward sweep is built. */
  private enum AdjointState {
    UNDECLARED,
    ZERO,
    NONZERO
  }

  /** A tape: the stack array and its top index. */
  private record Tape(String array, String top, JType element) {}

  private final Procedure procedure;
  private final Activity activity;
  private final RuleTable rules;
  private final Names names;
  private final Map<String, JType> variables;
  private final String result;
  /** Calls whose partials the forward sweep keeps in locals, by identity. */
  private final Map<Expr.Call, Preaccumulation.Partials> preaccumulated;

  // Names decided once, so that both builds of the sweeps agree.
  private final Map<Stmt, String> flags = new IdentityHashMap<>();
  private final Map<Stmt, String> counters = new IdentityHashMap<>();
  private final Map<Stmt, String> iterations = new IdentityHashMap<>();
  private final Map<Stmt, String> savedLocals = new IdentityHashMap<>();
  private final Map<Expr, String> elementAdjoints = new IdentityHashMap<>();
  private final Map<String, Tape> tapes = new LinkedHashMap<>();
  private final Map<String, String> cells = new HashMap<>();
  private final Map<String, JType> cellsUsed = new LinkedHashMap<>();
  /** The saved copies of the arrays calls write into, by call statement and argument. */
  private final Map<Stmt, Map<Expr, String>> argumentCopies = new IdentityHashMap<>();

  // State of one build.
  private Expr seed;
  private Set<String> needed; // null: save everything
  private final Set<Stmt> restores = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Stmt, Stmt> restoreSites = new IdentityHashMap<>();
  private final Set<Stmt> deadSites = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<String> tapesUsed = new LinkedHashSet<>();
  /**
   * Per tape, the trip counts of the loops its pushes sit in, known on entry; absent once a push
   * sits where no such count is known (nested loops, branches, while loops).
   */
  private final Map<String, List<Expr>> tapeLengths = new HashMap<>();
  private final Set<String> unsizedTapes = new HashSet<>();
  /** The trip count on entry of the loop whose body the forward sweep is in; null if unknown. */
  private Expr tripCount;
  private boolean inLoopBody;
  private final Set<String> restoredArrays = new HashSet<>();
  private final Set<String> assignedAnywhere = new HashSet<>();
  /** The locals the backward sweep recomputed, with their lines, for the report. */
  private final Set<String> recomputedLocals = new LinkedHashSet<>();
  /** The declarations of loop-body locals the backward sweep recomputes instead of taping. */
  private final Set<Stmt> recomputed = Collections.newSetFromMap(new IdentityHashMap<>());

  private ReverseTransformer(
      Procedure procedure, Activity activity, RuleTable rules, Names names,
      Map<Expr.Call, Preaccumulation.Partials> preaccumulated) {
    this.preaccumulated = preaccumulated;
    this.procedure = procedure;
    this.activity = activity;
    this.rules = rules;
    this.names = names;
    this.variables = new LinkedHashMap<>(procedure.variables());
    this.result = names.fresh(procedure.name());
    variables.put(result, procedure.returnType());
    for (Stmt s : procedure.body()) {
      WritingCalls.assigned(s, procedure, assignedAnywhere);
    }
    findRecomputable(procedure.body(), new HashSet<>());
  }

  /**
   * Finds the locals of loop bodies that the backward sweep can compute again rather than read
   * off a tape: declared once, directly in the body of a counted loop, never assigned again, from
   * arithmetic alone on values that no statement changes (parameters and arrays never written,
   * locals of enclosing blocks never reassigned) and on the indices of enclosing counted loops,
   * which the backward sweep runs through again. Recomputing {@code t = x[i + 1] - x[i] * x[i]}
   * costs less than a tape store, a load and the tape itself.
   *
   * @param indices the indices of the enclosing counted loops
   */
  private void findRecomputable(List<Stmt> block, Set<String> indices) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Loop l && isCounted(l)) {
        Set<String> inner = new HashSet<>(indices);
        inner.add(((Stmt.Declare) l.init().get(0)).name());
        Set<String> ownLocals = new HashSet<>();
        for (Stmt b : l.body()) {
          if (b instanceof Stmt.Declare d) {
            if (d.init() != null
                && d.type().dimensions() == 0
                && !assignedAnywhere.contains(d.name())
                && isRecomputable(d.init(), inner, ownLocals)) {
              recomputed.add(d);
            }
            ownLocals.add(d.name());
          }
        }
        findRecomputable(l.body(), inner);
      } else {
        for (List<Stmt> inner : Statements.blocks(s)) {
          findRecomputable(inner, indices);
        }
      }
    }
  }

  /** {@code for (int i = a; ...; i++)} with {@code i} changed by nothing else: run back as is. */
  private static boolean isCounted(Stmt.Loop l) {
    if (l.kind() != Stmt.LoopKind.FOR
        || l.init().size() != 1
        || !(l.init().get(0) instanceof Stmt.Declare d)
        || l.update().size() != 1
        || !(l.update().get(0) instanceof Stmt.Assign u)
        || !u.target().equals(new Expr.Var(d.name()))
        || u.op() != AssignOp.ADD
        || !(u.value() instanceof Expr.Literal one && one.value() == 1)) {
      return false;
    }
    Set<String> assigned = new HashSet<>();
    l.body().forEach(b -> Statements.assigned(b, assigned));
    return !assigned.contains(d.name());
  }

  private boolean isRecomputable(Expr e, Set<String> indices, Set<String> ownLocals) {
    if (e instanceof Expr.Call || e instanceof Expr.Step || e instanceof Expr.NewArray
        || e instanceof Expr.NewRecord) {
      return false;
    }
    if (e instanceof Expr.Var v) {
      return indices.contains(v.name())
          || (!assignedAnywhere.contains(v.name()) && !ownLocals.contains(v.name()));
    }
    for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
      Expr child = ExprRewriter.child(e, k);
      if (!isRecomputable(child, indices, ownLocals)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Differentiates {@code procedure}, seeding the backward sweep with {@code seed} (the adjoint
   * of the method's value: {@code 1.0}, or a pullback's parameter).
   *
   * @param names the names in use, which generated names must avoid
   */
  public static Sweeps transform(
      Procedure procedure, Activity activity, RuleTable rules, Names names, Expr seed) {
    return transform(procedure, activity, rules, names, seed, Map.of());
  }

  /**
   * The same, for a procedure some of whose calls {@link Preaccumulation} rewrote.
   *
   * @param preaccumulated the rewritten calls, by identity, with the locals holding their partials
   */
  static Sweeps transform(
      Procedure procedure, Activity activity, RuleTable rules, Names names, Expr seed,
      Map<Expr.Call, Preaccumulation.Partials> preaccumulated) {
    ReverseTransformer transformer =
        new ReverseTransformer(procedure, activity, rules, names, preaccumulated);
    // Save everything, see what the backward sweep reads, save only that, and repeat: saving
    // less can leave a branch with nothing to undo, whose decision then need not be recorded.
    transformer.needed = null;
    Sweeps sweeps = transformer.build(seed);
    for (int round = 0; round < 16; round++) {
      Set<String> read = new HashSet<>();
      transformer.readVariables(sweeps.backward(), read);
      if (read.equals(transformer.needed)) {
        break;
      }
      transformer.needed = read;
      sweeps = transformer.rebuild(seed);
    }
    // a restore whose value nothing reads before the next restore or assignment is not needed
    new Liveness(transformer.restoreSites, transformer.deadSites)
        .run(sweeps.backward(), new HashSet<>(sweeps.adjoints().keySet()));
    return transformer.deadSites.isEmpty() ? sweeps : transformer.rebuild(seed);
  }

  private Sweeps rebuild(Expr seed) {
    cellsUsed.clear();
    restoredArrays.clear();
    restores.clear();
    restoreSites.clear();
    tapesUsed.clear();
    recomputedLocals.clear();
    tapeLengths.clear();
    unsizedTapes.clear();
    return build(seed);
  }

  /**
   * A tape's initial length: the number of pushes when every push sits directly in a loop of
   * the method's top level whose trip count is known on entry ({@code for (int i = a; i < b;
   * i++)}, a and b read only parameters the method never assigns), so the tape is allocated once
   * at its full length; else {@link #TAPE_CAPACITY}. Either way {@code push} still grows it when
   * full, so a count that is too small (the body changes {@code i}) costs time, never results.
   */
  private Expr capacity(String tape) {
    List<Expr> lengths = tapeLengths.get(tape);
    if (unsizedTapes.contains(tape) || lengths == null) {
      return Expr.Literal.ofInt(TAPE_CAPACITY);
    }
    Expr sum = lengths.get(0);
    for (Expr length : lengths.subList(1, lengths.size())) {
      sum = new Expr.Binary(BinaryOp.ADD, sum, length);
    }
    // at least 1, so that push's doubling of a full tape makes room
    return new Expr.Call("Math", "max", List.of(sum, Expr.Literal.ofInt(1)), JType.INT);
  }

  /**
   * The trip count of a loop of the method's top level, {@code b - a} for {@code for (int i =
   * a; i < b; ...)} ({@code b - a + 1} for {@code <=}), where a and b read only parameters
   * the method never assigns, constants and their lengths, so it can be computed on entry (where
   * the loop, being at the top level, is sure to evaluate them too). Null otherwise.
   */
  private Expr tripCountOnEntry(Stmt.Loop l) {
    if (l.kind() != Stmt.LoopKind.FOR
        || l.init().size() != 1
        || !(l.init().get(0) instanceof Stmt.Declare d)
        || d.init() == null
        || !(l.condition() instanceof Expr.Binary c)
        || !c.left().equals(new Expr.Var(d.name()))
        || (c.op() != BinaryOp.LESS && c.op() != BinaryOp.LESS_EQUALS)) {
      return null;
    }
    Set<String> read = new HashSet<>();
    ExprRewriter.variables(d.init(), read);
    ExprRewriter.variables(c.right(), read);
    for (String name : read) {
      boolean parameter = procedure.params().stream().anyMatch(p -> p.name().equals(name));
      if (!parameter || assignedAnywhere.contains(name)) {
        return null;
      }
    }
    Expr count =
        d.init().equals(Expr.Literal.ofInt(0))
            ? c.right()
            : new Expr.Binary(BinaryOp.SUBTRACT, c.right(), d.init());
    return c.op() == BinaryOp.LESS_EQUALS
        ? new Expr.Binary(BinaryOp.ADD, count, Expr.Literal.ofInt(1))
        : count;
  }

  private Sweeps build(Expr seed) {
    this.seed = seed;
    Set<String> defined = new HashSet<>();
    procedure.params().forEach(p -> defined.add(p.name()));
    List<Stmt> forward = forward(procedure.body(), false, defined);
    Map<String, AdjointState> states = new HashMap<>();
    List<Stmt> backward = backward(procedure.body(), false, states, new Origin[1]);

    List<Stmt> tapeDeclarations = new ArrayList<>();
    for (String name : tapesUsed) {
      Tape tape = tapes.get(name);
      JType arrayType = new JType(tape.element().primitive(), tape.element().dimensions() + 1);
      tapeDeclarations.add(
          new Stmt.Declare(
              arrayType, tape.array(), new Expr.NewArray(arrayType, List.of(capacity(name))), null));
      tapeDeclarations.add(new Stmt.Declare(JType.INT, tape.top(), Expr.Literal.ofInt(0), null));
      variables.put(tape.array(), arrayType);
      variables.put(tape.top(), JType.INT);
    }
    for (Map.Entry<String, JType> cell : cellsUsed.entrySet()) {
      tapeDeclarations.add(
          new Stmt.Declare(
              cell.getValue(), cell.getKey(),
              new Expr.NewArray(cell.getValue(), List.of(Expr.Literal.ofInt(1))), null));
    }
    List<Stmt> allForward = new ArrayList<>(tapeDeclarations);
    allForward.addAll(forward);
    Set<Stmt> keptWrites = keepWritesTheCallerSees(allForward, backward);

    Map<String, Expr> adjoints = new LinkedHashMap<>();
    for (Param p : procedure.wrt()) {
      if (p.type().dimensions() > 0) {
        adjoints.put(p.name(), new Expr.Var(Names.adjoint(p.name())));
      } else {
        boolean live = states.get(p.name()) == AdjointState.NONZERO;
        adjoints.put(p.name(), live ? new Expr.Var(Names.adjoint(p.name())) : Expr.Literal.ofDouble(0));
      }
    }
    Map<String, Expr> arrayAdjoints = new LinkedHashMap<>();
    for (String array : variedArrays()) {
      JType type = variables.get(array);
      String adjoint = Names.adjoint(array);
      variables.put(adjoint, new JType(JType.Primitive.DOUBLE, type.dimensions()));
      arrayAdjoints.put(array, zerosLike(array, type));
    }
    Set<String> written = new HashSet<>(assignedAnywhere);
    return new Sweeps(
        allForward, backward, result, adjoints, arrayAdjoints, written, variables,
        new ArrayList<>(recomputedLocals), keptWrites);
  }

  /**
   * The backward sweep puts back what the method overwrote in its parameter arrays; the caller of
   * a derivative must still see the method's writes, as with the method itself. So the final
   * contents are copied at the end of the forward sweep and copied back at the end of the
   * backward sweep: one allocation, only where the method writes into an input array.
   *
   * @return the statements added
   */
  private Set<Stmt> keepWritesTheCallerSees(List<Stmt> forward, List<Stmt> backward) {
    Set<Stmt> kept = new HashSet<>();
    for (Param p : procedure.params()) {
      if (p.type().dimensions() == 0 || !restoredArrays.contains(p.name())) {
        continue;
      }
      String copy = names.fresh(DerivativeNames.keptWrites(p.name()));
      variables.put(copy, p.type());
      Expr.Var array = new Expr.Var(p.name());
      Expr clone =
          p.type().dimensions() == 1
              ? new Expr.Call(p.name(), "clone", List.of(), p.type())
              : new Expr.Call("", "deepCopy", List.of(array), p.type());
      Stmt save = new Stmt.Declare(p.type(), copy, clone, null);
      forward.add(save);
      kept.add(save);
      List<String> indices = new ArrayList<>();
      for (int d = 0; d < p.type().dimensions(); d++) {
        String index = names.fresh(d == 0 ? "i" : "j");
        variables.put(index, JType.INT);
        indices.add(index);
      }
      Stmt copyBack =
          Loops.elementwise(p.name(), AssignOp.SET, copy, p.type().dimensions(), indices, false);
      backward.add(copyBack);
      kept.add(copyBack);
    }
    return kept;
  }

  /**
   * Arrays whose adjoints the backward sweep declares at its start: varied parameters, and varied
   * arrays declared at the top level. Arrays declared in a block get theirs in its reverse.
   */
  private List<String> variedArrays() {
    Set<String> topLevel = new HashSet<>();
    procedure.params().forEach(p -> topLevel.add(p.name()));
    for (Stmt s : procedure.body()) {
      if (s instanceof Stmt.Declare d) {
        topLevel.add(d.name());
      }
    }
    List<String> arrays = new ArrayList<>();
    for (String name : activity.varied()) {
      JType type = procedure.variables().get(name);
      if (type != null && type.dimensions() > 0 && topLevel.contains(name)) {
        arrays.add(name);
      }
    }
    return arrays;
  }

  private static Expr zerosLike(String array, JType type) {
    return zerosLike(new Expr.Var(array), type);
  }

  private static Expr zerosLike(Expr a, JType type) {
    JType adjointType = new JType(JType.Primitive.DOUBLE, type.dimensions());
    if (type.dimensions() == 1) {
      return new Expr.NewArray(adjointType, List.of(new Expr.ArrayLength(a)));
    }
    return new Expr.Call("", "zerosLike", List.of(a), adjointType);
  }

  // ---- forward sweep ---------------------------------------------------------------------

  private List<Stmt> forward(List<Stmt> block, boolean inCompound, Set<String> defined) {
    List<Stmt> out = new ArrayList<>();
    List<String> locals = new ArrayList<>();
    for (Stmt s : block) {
      Expr.Call writer = WritingCalls.of(s, procedure);
      if (writer != null) {
        saveWrittenArguments(s, writer, inCompound, out);
      }
      if (s instanceof Stmt.Declare d) {
        Expr init = d.init();
        if (init == null && isNeeded(d.name())) {
          init = new Expr.Literal(d.type(), 0); // the backward sweep may read it on any path
        }
        out.add(new Stmt.Declare(d.type(), d.name(), init, d.origin()));
        locals.add(d.name());
        if (d.init() != null) {
          defined.add(d.name());
        }
      } else if (s instanceof Stmt.Assign a) {
        String root = Storage.root(a.target());
        boolean overwrites = inCompound || a.target() instanceof Expr.ArrayAccess || defined.contains(root);
        if (overwrites && isNeeded(root) && isPrimal(root) && !deadSites.contains(a)) {
          out.add(save(a, inCompound));
        }
        out.add(a);
        defined.add(root);
      } else if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Declare(procedure.returnType(), result, r.value(), r.origin()));
      } else if (s instanceof Stmt.If i) {
        String flag = flags.computeIfAbsent(i, k -> names.fresh("branch"));
        variables.put(flag, JType.BOOLEAN);
        Expr outerTrips = tripCount;
        boolean outerInLoop = inLoopBody;
        tripCount = null; // a branch pushes on some trips only: no count known
        inLoopBody = false;
        List<Stmt> then = forward(i.then(), true, new HashSet<>(defined));
        List<Stmt> otherwise = forward(i.otherwise(), true, new HashSet<>(defined));
        tripCount = outerTrips;
        inLoopBody = outerInLoop;
        if (isNeeded(flag)) {
          out.add(new Stmt.Declare(JType.BOOLEAN, flag, i.condition(), i.origin()));
          out.add(new Stmt.If(new Expr.Var(flag), then, otherwise, i.origin()));
          locals.add(flag);
        } else {
          out.add(new Stmt.If(i.condition(), then, otherwise, i.origin()));
        }
      } else if (s instanceof Stmt.Loop l) {
        String counter = counters.computeIfAbsent(l, k -> names.fresh(counterBase(l)));
        variables.put(counter, JType.INT);
        List<Stmt> body = new ArrayList<>();
        boolean counted = isNeeded(counter);
        if (counted) {
          body.add(new Stmt.Assign(new Expr.Var(counter), AssignOp.ADD, Expr.Literal.ofInt(1), null));
        }
        Expr outerTrips = tripCount;
        boolean outerInLoop = inLoopBody;
        tripCount = inCompound ? null : tripCountOnEntry(l);
        inLoopBody = true;
        body.addAll(forward(l.body(), true, new HashSet<>(defined)));
        tripCount = outerTrips;
        inLoopBody = outerInLoop;
        if (counted) {
          out.add(new Stmt.Declare(JType.INT, counter, Expr.Literal.ofInt(0), l.origin()));
          locals.add(counter);
        }
        out.add(new Stmt.Loop(l.kind(), l.init(), l.condition(), l.update(), body, l.origin()));
      } else if (s instanceof Stmt.Block b) {
        Expr outerTrips = tripCount;
        boolean outerInLoop = inLoopBody;
        tripCount = null;
        inLoopBody = false;
        out.add(new Stmt.Block(forward(b.body(), true, new HashSet<>(defined))));
        tripCount = outerTrips;
        inLoopBody = outerInLoop;
      } else {
        out.add(s);
      }
    }
    if (inCompound) {
      Set<String> recomputedHere = recomputedIn(block);
      for (String local : locals) {
        if (isNeeded(local) && !recomputedHere.contains(local)) {
          out.add(push(local, new Expr.Var(local)));
        }
      }
    }
    return out;
  }

  /**
   * Before a call that writes into its array arguments: a copy of each, which the backward sweep
   * puts back and hands to the callee's pullback, which runs the callee again from it.
   */
  private void saveWrittenArguments(
      Stmt s, Expr.Call call, boolean inCompound, List<Stmt> out) {
    for (Expr arg : WritingCalls.writtenArguments(call, procedure)) {
      if (!savesArgument(call, arg)) {
        continue;
      }
      String root = Storage.root(arg);
      JType type = Types.of(arg, variables::get);
      Expr copy = Loops.copyOf(arg, type);
      if (inCompound) {
        out.add(push(root, copy));
      } else {
        String name =
            argumentCopies
                .computeIfAbsent(s, k -> new LinkedHashMap<>())
                .computeIfAbsent(arg, k -> names.fresh(DerivativeNames.savedCopy(root)));
        variables.put(name, type);
        out.add(new Stmt.Declare(type, name, copy, null));
      }
    }
  }

  /**
   * Whether an array a call writes into is saved before it: where the backward sweep reads the
   * array, and wherever the callee's pullback must run again from its old contents.
   */
  private boolean savesArgument(Expr.Call call, Expr arg) {
    String root = Storage.root(arg);
    return isPrimal(root) && (isNeeded(root) || callsPullback(call));
  }

  /** Whether the backward sweep calls the pullback of the callee {@code call} names. */
  private boolean callsPullback(Expr.Call call) {
    Callees.Callee callee = WritingCalls.callee(call, procedure);
    return callee != null
        && !callee.ruled()
        && (activity.isActive(call) || call.args().stream().anyMatch(activity::carriesDerivative));
  }

  /**
   * In the backward sweep, at a call that writes into its array arguments: takes each saved copy
   * (off the tape inside loops and branches), and puts it back into the array where the backward
   * sweep reads the array further on.
   *
   * @param copies receives, for each saved argument, the expression of its copy
   */
  private List<Stmt> restoreWrittenArguments(
      Stmt s, Expr.Call call, boolean inCompound, Map<Expr, Expr> copies) {
    List<Stmt> out = new ArrayList<>();
    // in the reverse order of the saves: rows of one array (m[0], m[1]) share its tape
    List<Expr> written = new ArrayList<>(WritingCalls.writtenArguments(call, procedure));
    Collections.reverse(written);
    for (Expr arg : written) {
      if (!savesArgument(call, arg)) {
        continue;
      }
      String root = Storage.root(arg);
      JType type = Types.of(arg, variables::get);
      String name =
          argumentCopies
              .computeIfAbsent(s, k -> new LinkedHashMap<>())
              .computeIfAbsent(arg, k -> names.fresh(DerivativeNames.savedCopy(root)));
      variables.put(name, type);
      if (inCompound) {
        out.add(new Stmt.Declare(type, name, pop(root, type), null));
      }
      copies.put(arg, new Expr.Var(name));
      if (isNeeded(root)) {
        List<String> indices = new ArrayList<>();
        for (int d = 0; d < type.dimensions(); d++) {
          String index = names.fresh(d == 0 ? "i" : "j");
          variables.put(index, JType.INT);
          indices.add(index);
        }
        Stmt copyBack = Loops.copyBack(arg, new Expr.Var(name), type.dimensions(), indices);
        markRestores(copyBack);
        restoredArrays.add(root);
        out.add(copyBack);
      }
    }
    return out;
  }

  /** Registers the element stores of a copy loop as restores: they read no value. */
  private void markRestores(Stmt s) {
    if (s instanceof Stmt.Assign a && a.target() instanceof Expr.ArrayAccess) {
      restores.add(a);
    }
    for (List<Stmt> inner : Statements.blocks(s)) {
      inner.forEach(this::markRestores);
    }
  }

  private static String lineOf(List<Stmt> block, String local) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d && d.name().equals(local) && d.origin() != null) {
        return " (line " + d.origin().line() + ")";
      }
    }
    return "";
  }

  /** The names of the locals declared in {@code block} that the backward sweep recomputes. */
  private Set<String> recomputedIn(List<Stmt> block) {
    Set<String> names = new HashSet<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d && recomputed.contains(d)) {
        names.add(d.name());
      }
    }
    return names;
  }

  private static String counterBase(Stmt.Loop loop) {
    if (loop.kind() == Stmt.LoopKind.FOR && loop.init().get(0) instanceof Stmt.Declare d) {
      return d.name() + "Count";
    }
    return "trips";
  }

  private boolean isNeeded(String name) {
    return needed == null || needed.contains(name);
  }

  private boolean isPrimal(String name) {
    return procedure.variables().containsKey(name);
  }

  /** The statement that saves what {@code a} overwrites. */
  private Stmt save(Stmt.Assign a, boolean inCompound) {
    String root = Storage.root(a.target());
    JType element = Storage.elementType(a.target(), variables.get(root));
    if (inCompound) {
      return push(root, a.target());
    }
    String local = savedLocals.computeIfAbsent(a, k -> names.fresh(root + "Saved"));
    variables.put(local, element);
    return new Stmt.Declare(element, local, a.target(), null);
  }

  /** The statement that restores what {@code a} overwrote, in the backward sweep. */
  private Stmt restore(Stmt.Assign a, boolean inCompound) {
    String root = Storage.root(a.target());
    Stmt restore;
    if (inCompound) {
      restore =
          new Stmt.Assign(
              a.target(), AssignOp.SET,
              pop(root, Storage.elementType(a.target(), variables.get(root))), null);
    } else {
      restore = new Stmt.Assign(a.target(), AssignOp.SET, new Expr.Var(savedLocals.get(a)), null);
    }
    restores.add(restore);
    restoreSites.put(restore, a);
    if (a.target() instanceof Expr.ArrayAccess) {
      restoredArrays.add(root);
    }
    return restore;
  }

  /**
   * The tape of {@code variable}'s values of type {@code element}: its scalar values or array
   * elements, or (for an array declared in a block) whole arrays, by reference.
   */
  private Tape tape(String variable, JType element) {
    String key = variable + "|" + element;
    Tape tape =
        tapes.computeIfAbsent(
            key,
            k -> {
              String base = element.dimensions() > 0 ? variable + "Array" : variable;
              return new Tape(names.fresh(base + "Tape"), names.fresh(base + "Top"), element);
            });
    tapesUsed.add(key);
    return tape;
  }

  /** {@code tTape = push(tTape, tTop++, value);}: grows the tape when full. */
  private Stmt push(String variable, Expr value) {
    JType element = Types.of(value, variables::get);
    Tape tape = tape(variable, element);
    String key = variable + "|" + element;
    if (inLoopBody && tripCount != null) {
      tapeLengths.computeIfAbsent(key, k -> new ArrayList<>()).add(tripCount);
    } else {
      unsizedTapes.add(key);
    }
    JType arrayType = new JType(tape.element().primitive(), tape.element().dimensions() + 1);
    return Tapes.push(tape.array(), tape.top(), value, arrayType);
  }

  /** {@code tTape[--tTop]}, of values of type {@code element}. */
  private Expr pop(String variable, JType element) {
    Tape tape = tape(variable, element);
    return new Expr.ArrayAccess(new Expr.Var(tape.array()), new Expr.Step(tape.top(), false, true));
  }

  // ---- backward sweep --------------------------------------------------------------------

  /**
   * The backward sweep of {@code block}.
   *
   * @param commented the origin of the last "grad of" comment written, shared along a block
   */
  private List<Stmt> backward(
      List<Stmt> block, boolean inCompound, Map<String, AdjointState> states, Origin[] commented) {
    List<Stmt> out = new ArrayList<>();
    List<String> locals = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d) {
        locals.add(d.name());
      } else if (s instanceof Stmt.If i && flags.containsKey(i) && isNeeded(flags.get(i))) {
        locals.add(flags.get(i));
      } else if (s instanceof Stmt.Loop l && counters.containsKey(l) && isNeeded(counters.get(l))) {
        locals.add(counters.get(l));
      }
    }
    if (inCompound) {
      // the block's own variables went out of scope: their final values come off the tapes, or
      // are computed again
      Map<String, Expr> recomputedHere = new HashMap<>();
      for (Stmt s : block) {
        if (s instanceof Stmt.Declare d && recomputed.contains(d)) {
          recomputedHere.put(d.name(), d.init());
        }
      }
      for (int k = locals.size() - 1; k >= 0; k--) {
        String local = locals.get(k);
        if (isNeeded(local) && recomputedHere.containsKey(local)) {
          out.add(new Stmt.Declare(variables.get(local), local, recomputedHere.get(local), null));
          recomputedLocals.add(local + lineOf(block, local));
        } else if (isNeeded(local)) {
          Stmt restore =
              new Stmt.Declare(variables.get(local), local, pop(local, variables.get(local)), null);
          restores.add(restore);
          out.add(restore);
        }
      }
      // and the adjoints of its own arrays start from zero, as each array did
      for (String local : locals) {
        JType type = variables.get(local);
        if (type.dimensions() > 0 && activity.isVaried(local)) {
          String adjoint = Names.adjoint(local);
          variables.put(adjoint, new JType(JType.Primitive.DOUBLE, type.dimensions()));
          out.add(new Stmt.Declare(variables.get(adjoint), adjoint, zerosLike(local, type), null));
        }
      }
    }
    for (int k = block.size() - 1; k >= 0; k--) {
      Stmt s = block.get(k);
      Expr.Call writer = WritingCalls.of(s, procedure);
      WrittenArrays written = WrittenArrays.NONE;
      if (writer != null) {
        Map<Expr, Expr> copies = new HashMap<>();
        written =
            new WrittenArrays(restoreWrittenArguments(s, writer, inCompound, copies), copies);
      }
      if (s instanceof Stmt.Eval e && writer != null) {
        writingCall(e, written, states, out, commented);
      } else if (s instanceof Stmt.Declare d) {
        if (d.init() != null) {
          assignment(new Expr.Var(d.name()), d.init(), d.origin(), false, null, written, states,
              out, commented);
        }
      } else if (s instanceof Stmt.Assign a) {
        Expr value =
            a.op() == AssignOp.SET ? a.value() : new Expr.Binary(a.op().binary(), a.target(), a.value());
        String root = Storage.root(a.target());
        boolean overwrites = inCompound || a.target() instanceof Expr.ArrayAccess || wasDefinedBefore(block, k, root);
        Stmt restore =
            overwrites && isNeeded(root) && isPrimal(root) && !deadSites.contains(a)
                ? restore((Stmt.Assign) s, inCompound)
                : null;
        assignment(a.target(), value, a.origin(), false, restore, written, states, out, commented);
      } else if (s instanceof Stmt.Return r) {
        assignment(new Expr.Var(result), r.value(), r.origin(), true, null, written, states, out,
            commented);
      } else if (s instanceof Stmt.If i) {
        compound(s, states, out, commented, (inner, touched) -> {
          List<Stmt> then =
              withZeros(backward(i.then(), true, inner.get(0), new Origin[1]), inner.get(0), touched);
          List<Stmt> otherwise =
              withZeros(
                  backward(i.otherwise(), true, inner.get(1), new Origin[1]), inner.get(1), touched);
          if (then.isEmpty() && otherwise.isEmpty()) {
            return List.of();
          }
          Expr flag = new Expr.Var(flags.get(i));
          return List.of(new Stmt.If(flag, then, otherwise, i.origin()));
        }, 2);
      } else if (s instanceof Stmt.Loop l) {
        compound(s, states, out, commented, (inner, touched) -> {
          List<Stmt> body =
              withZeros(backward(l.body(), true, inner.get(0), new Origin[1]), inner.get(0), touched);
          if (body.isEmpty()) {
            return List.of();
          }
          return List.of(reverseLoop(l, body));
        }, 1);
      } else if (s instanceof Stmt.Block b) {
        compound(s, states, out, commented, (inner, touched) -> {
          List<Stmt> body =
              withZeros(backward(b.body(), true, inner.get(0), new Origin[1]), inner.get(0), touched);
          return body.isEmpty() ? List.of() : List.of(new Stmt.Block(body));
        }, 1);
      }
    }
    if (inCompound) {
      for (String local : locals) {
        states.remove(local);
      }
    }
    return out;
  }

  /** Whether a top-level assignment at {@code index} overwrites a value defined before it. */
  private boolean wasDefinedBefore(List<Stmt> block, int index, String name) {
    if (procedure.params().stream().anyMatch(p -> p.name().equals(name))) {
      return true;
    }
    for (int k = 0; k < index; k++) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Declare d && d.name().equals(name) && d.init() != null) {
        return true;
      }
      if (!(s instanceof Stmt.Declare)) {
        Set<String> assigned = new HashSet<>();
        Statements.assigned(s, assigned);
        if (assigned.contains(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Builds the reverse of a compound statement, each of its blocks with its own states. */
  private interface Reverser {
    /**
     * @param blockStates the states each block of the statement starts from
     * @param touched the outer adjoints the blocks must leave holding their real value
     */
    List<Stmt> reverse(List<Map<String, AdjointState>> blockStates, Set<String> touched);
  }

  /**
   * The adjoints the statement touches that live outside it are declared (or zeroed) before it
   * and hold their real value inside and after it: within its blocks the transformer does not
   * know which iteration or branch ran.
   */
  private void compound(
      Stmt s, Map<String, AdjointState> states, List<Stmt> out, Origin[] commented,
      Reverser reverser, int blocks) {
    Set<String> touched = touchedAdjoints(s);
    List<Stmt> before = new ArrayList<>();
    for (String name : touched) {
      AdjointState state = states.getOrDefault(name, AdjointState.UNDECLARED);
      String adjoint = Names.adjoint(name);
      variables.put(adjoint, JType.DOUBLE);
      if (state == AdjointState.UNDECLARED) {
        before.add(new Stmt.Declare(JType.DOUBLE, adjoint, Expr.Literal.ofDouble(0), null));
      } else if (state == AdjointState.ZERO) {
        before.add(new Stmt.Assign(new Expr.Var(adjoint), AssignOp.SET, Expr.Literal.ofDouble(0), null));
      }
      states.put(name, AdjointState.NONZERO);
    }
    List<Map<String, AdjointState>> inner = new ArrayList<>();
    for (int k = 0; k < blocks; k++) {
      inner.add(new HashMap<>(states));
    }
    // each block zeroes the adjoints it left structurally zero: they must hold zero after it
    List<Stmt> reversed = reverser.reverse(inner, touched);
    if (!reversed.isEmpty()) {
      out.addAll(before);
      out.addAll(reversed);
      commented[0] = null;
    } else {
      out.addAll(before);
    }
  }

  private static List<Stmt> withZeros(
      List<Stmt> block, Map<String, AdjointState> states, Set<String> touched) {
    List<Stmt> out = new ArrayList<>(block);
    for (String name : touched) {
      if (states.get(name) == AdjointState.ZERO) {
        out.add(
            new Stmt.Assign(
                new Expr.Var(Names.adjoint(name)), AssignOp.SET, Expr.Literal.ofDouble(0), null));
      }
    }
    return out;
  }

  /** The reverse of a loop: its recorded trip count, backwards. */
  private Stmt reverseLoop(Stmt.Loop l, List<Stmt> body) {
    Expr.Var count = new Expr.Var(counters.get(l));
    if (l.kind() == Stmt.LoopKind.FOR && l.init().get(0) instanceof Stmt.Declare d) {
      // canonical: for (int i = a; ...; i++) runs back as for (int i = a + count - 1; i >= a; i--)
      // or, when its bound b does not change in the loop, for (int i = b - 1; i >= a; i--)
      Expr start = d.init();
      Expr last = lastFromBound(l, d.name());
      if (last == null) {
        last =
            new Expr.Binary(
                BinaryOp.SUBTRACT, new Expr.Binary(BinaryOp.ADD, start, count), Expr.Literal.ofInt(1));
      }
      return new Stmt.Loop(
          Stmt.LoopKind.FOR,
          List.of(new Stmt.Declare(JType.INT, d.name(), last, null)),
          new Expr.Binary(BinaryOp.GREATER_EQUALS, new Expr.Var(d.name()), start),
          List.of(new Stmt.Assign(new Expr.Var(d.name()), AssignOp.SUBTRACT, Expr.Literal.ofInt(1), null)),
          body,
          l.origin());
    }
    String iteration = iterations.computeIfAbsent(l, k -> names.fresh("iteration"));
    variables.put(iteration, JType.INT);
    Expr.Var i = new Expr.Var(iteration);
    return new Stmt.Loop(
        Stmt.LoopKind.FOR,
        List.of(new Stmt.Declare(JType.INT, iteration, count, null)),
        new Expr.Binary(BinaryOp.GREATER, i, Expr.Literal.ofInt(0)),
        List.of(new Stmt.Assign(i, AssignOp.SUBTRACT, Expr.Literal.ofInt(1), null)),
        body,
        l.origin());
  }

  /**
   * The last index of a canonical loop {@code for (int i = a; i < b; i++)} from its bound, {@code
   * b - 1} ({@code b} for {@code <=}), where nothing in the loop changes {@code b}: the reverse
   * then needs no trip count. Null otherwise.
   */
  private static Expr lastFromBound(Stmt.Loop l, String index) {
    if (!(l.condition() instanceof Expr.Binary c)
        || (c.op() != BinaryOp.LESS && c.op() != BinaryOp.LESS_EQUALS)) {
      return null;
    }
    // i < b, or i + k < b for a constant k (as in for (i = 0; i + 1 < n; i++))
    Expr.Literal offset = null;
    if (!c.left().equals(new Expr.Var(index))) {
      if (c.left() instanceof Expr.Binary sum
          && sum.op() == BinaryOp.ADD
          && sum.left().equals(new Expr.Var(index))
          && sum.right() instanceof Expr.Literal k
          && k.type().equals(JType.INT)) {
        offset = k;
      } else {
        return null;
      }
    }
    Set<String> assigned = new HashSet<>();
    l.body().forEach(s -> Statements.assigned(s, assigned));
    Set<String> read = new HashSet<>();
    ExprRewriter.variables(c.right(), read);
    if (read.contains(index)) {
      return null;
    }
    read.retainAll(assigned);
    if (!read.isEmpty()) {
      return null;
    }
    long less = (c.op() == BinaryOp.LESS ? 1 : 0) + (offset == null ? 0 : offset.integral());
    return less == 0
        ? c.right()
        : new Expr.Binary(BinaryOp.SUBTRACT, c.right(), Expr.Literal.ofInt((int) less));
  }

  /**
   * The scalar adjoints a compound statement may change that belong to variables declared
   * outside it: those it assigns, and those its active right-hand sides read.
   */
  private Set<String> touchedAdjoints(Stmt s) {
    Set<String> inside = new LinkedHashSet<>();
    Set<String> declaredInside = new HashSet<>();
    collectTouched(s, inside, declaredInside);
    inside.removeAll(declaredInside);
    Set<String> touched = new LinkedHashSet<>();
    for (String name : inside) {
      JType type = procedure.variables().get(name);
      if (type != null && type.isFloating() && activity.isVaried(name)) {
        touched.add(name);
      }
    }
    return touched;
  }

  private void collectTouched(Stmt s, Set<String> touched, Set<String> declared) {
    Expr.Call writer = WritingCalls.of(s, procedure);
    if (writer != null && callsPullback(writer)) {
      // the in/out pullback adds to every argument's adjoint, whatever the value's adjoint
      ExprRewriter.variables(writer, touched);
    }
    if (s instanceof Stmt.Declare d) {
      declared.add(d.name());
      if (d.init() != null && activity.isActive(d.init())) {
        ExprRewriter.variables(d.init(), touched);
      }
    } else if (s instanceof Stmt.Assign a) {
      if (a.target() instanceof Expr.Var v) {
        touched.add(v.name());
      }
      if (activity.isActive(a.value()) || a.target() instanceof Expr.ArrayAccess) {
        ExprRewriter.variables(a.value(), touched);
      }
    } else if (s instanceof Stmt.Return r) {
      ExprRewriter.variables(r.value(), touched);
    } else if (s instanceof Stmt.If i) {
      i.then().forEach(inner -> collectTouched(inner, touched, declared));
      i.otherwise().forEach(inner -> collectTouched(inner, touched, declared));
    } else if (s instanceof Stmt.Loop l) {
      l.init().forEach(inner -> collectTouched(inner, touched, declared));
      l.body().forEach(inner -> collectTouched(inner, touched, declared));
    } else if (s instanceof Stmt.Block b) {
      b.body().forEach(inner -> collectTouched(inner, touched, declared));
    }
  }

  /**
   * What reversing a statement whose call writes into its array arguments needs: the statements
   * that put the arrays' old contents back, and the saved copies, by argument, that the call's
   * pullback is handed in place of the arrays.
   */
  private record WrittenArrays(List<Stmt> restores, Map<Expr, Expr> copies) {
    static final WrittenArrays NONE = new WrittenArrays(List.of(), Map.of());
  }

  /**
   * The backward block of one assignment {@code target = value}.
   *
   * @param written the arrays a call in {@code value} writes into, put back first
   */
  private void assignment(
      Expr target,
      Expr value,
      Origin origin,
      boolean isResult,
      Stmt restore,
      WrittenArrays written,
      Map<String, AdjointState> states,
      List<Stmt> out,
      Origin[] commented) {
    List<Stmt> block = new ArrayList<>();
    boolean readsOld = Storage.readsTarget(value, target);
    boolean isElement = target instanceof Expr.ArrayAccess;
    if (restore != null && readsOld) {
      block.add(restore);
    }
    block.addAll(written.restores());
    Expr adjoint;
    if (isResult) {
      adjoint = seed;
    } else if (isElement) {
      adjoint = activity.isVaried(Storage.root(target)) ? adjointOf(target) : null;
    } else {
      String t = ((Expr.Var) target).name();
      adjoint = states.get(t) == AdjointState.NONZERO ? new Expr.Var(Names.adjoint(t)) : null;
    }
    boolean writesActively =
        value instanceof Expr.Call c && WritingCalls.writes(c, procedure) && callsPullback(c);
    if (adjoint == null && writesActively) {
      // the arrays it writes carry adjoints back through it, whatever its value's
      adjoint = Expr.Literal.ofDouble(0);
    }
    if (adjoint != null) {
      boolean ownDone = false;
      // w[0] = g(w, s), where g writes into w: the in/out pullback takes dw as the adjoint of
      // w after the call, in which w[0] is what the assignment then overwrote
      boolean callWritesTarget =
          isElement
              && writesActively
              && WritingCalls.writtenArguments((Expr.Call) value, procedure).stream()
                  .anyMatch(a -> Storage.root(a).equals(Storage.root(target)));
      if (isElement && (readsOld && activity.isActive(value) || callWritesTarget)) {
        // the value may read this very element under another index: take its adjoint out first
        String element =
            elementAdjoints.computeIfAbsent(
                target, k -> names.fresh(Names.adjoint(Storage.root(target)) + "Element"));
        variables.put(element, JType.DOUBLE);
        block.add(new Stmt.Declare(JType.DOUBLE, element, adjoint, null));
        block.add(new Stmt.Assign(adjoint, AssignOp.SET, Expr.Literal.ofDouble(0), null));
        adjoint = new Expr.Var(element);
        ownDone = true;
      }
      Callees.Callee callee =
          value instanceof Expr.Call c ? procedure.callees().get(ExpressionConverter.key(c)) : null;
      Map<Expr, List<Expr>> terms;
      Preaccumulation.Partials partials =
          value instanceof Expr.Call c ? preaccumulated.get(c) : null;
      if (partials != null) {
        terms = preaccumulatedTerms(partials, adjoint, origin);
      } else if (callee != null && !callee.ruled() && (activity.isActive(value) || writesActively)) {
        terms = pullback((Expr.Call) value, callee, adjoint, origin, written, block);
      } else {
        Map<Expr, Expr> known =
            readsOld || !(value instanceof Expr.Call) ? Map.of() : Map.of(value, target);
        terms =
            AdjointPropagator.propagate(
                value, adjoint, activity, rules, c -> procedure.callSite(c, origin), known);
      }
      for (Map.Entry<Expr, List<Expr>> entry : terms.entrySet()) {
        if (ownDone || !entry.getKey().equals(target)) {
          block.add(accumulate(entry.getKey(), sum(entry.getValue()), states));
        }
      }
      if (!isResult && !ownDone) {
        List<Expr> own = terms.get(target);
        if (isElement) {
          block.add(
              new Stmt.Assign(
                  adjointOf(target), AssignOp.SET,
                  own == null ? Expr.Literal.ofDouble(0) : sum(own), null));
        } else {
          String t = ((Expr.Var) target).name();
          if (own != null) {
            block.add(set(t, sum(own), states));
          } else if (states.get(t) == AdjointState.NONZERO) {
            states.put(t, AdjointState.ZERO);
          }
        }
      }
    }
    if (restore != null && !readsOld) {
      block.add(restore);
    }
    if (!block.isEmpty()) {
      if (origin != null && !origin.equals(commented[0])) {
        out.add(comment(origin));
        commented[0] = origin;
      }
      out.addAll(block);
    }
  }

  /**
   * The adjoint terms of a call whose partials the forward sweep kept: each argument receives
   * the call's adjoint times its partial, as from a function of the {@code Math} table.
   */
  private Map<Expr, List<Expr>> preaccumulatedTerms(
      Preaccumulation.Partials partials, Expr adjoint, Origin origin) {
    Map<Expr, List<Expr>> terms = new LinkedHashMap<>();
    for (int k = 0; k < partials.arguments().size(); k++) {
      Expr local = partials.locals().get(k);
      Expr arg = partials.arguments().get(k);
      if (local == null || !activity.isActive(arg)) {
        continue;
      }
      AdjointPropagator.propagate(
              arg, new Expr.Binary(BinaryOp.MULTIPLY, adjoint, local), activity, rules,
              c -> procedure.callSite(c, origin), Map.of())
          .forEach((key, list) -> terms.computeIfAbsent(key, x -> new ArrayList<>()).addAll(list));
    }
    return terms;
  }

  /**
   * The backward block of a call statement {@code g(w, s);} whose callee writes into its array
   * arguments: the arrays are put back, and where an argument carries a derivative, the callee's
   * in/out pullback turns the adjoints of the arrays' new contents into those of their old, and
   * adds the scalar arguments' shares.
   */
  private void writingCall(
      Stmt.Eval e,
      WrittenArrays written,
      Map<String, AdjointState> states,
      List<Stmt> out,
      Origin[] commented) {
    List<Stmt> block = new ArrayList<>(written.restores());
    if (callsPullback(e.call())) {
      Callees.Callee callee = WritingCalls.callee(e.call(), procedure);
      Map<Expr, List<Expr>> terms =
          pullback(e.call(), callee, Expr.Literal.ofDouble(0), e.origin(), written, block);
      for (Map.Entry<Expr, List<Expr>> entry : terms.entrySet()) {
        block.add(accumulate(entry.getKey(), sum(entry.getValue()), states));
      }
    }
    if (!block.isEmpty()) {
      if (e.origin() != null && !e.origin().equals(commented[0])) {
        out.add(comment(e.origin()));
        commented[0] = e.origin();
      }
      out.addAll(block);
    }
  }

  /**
   * The backward block of {@code t = g(args)} for a {@code @Differentiable} callee {@code g}: its
   * generated pullback, seeded with {@code dt}, adds into the adjoints of array arguments
   * directly and into one-element cells for scalar ones, whose values then flow into the
   * arguments' variables like any other partial. The pullback runs {@code g} again from its
   * arguments, which the restores have put back, and from the saved copies of the arrays it
   * writes into (its in/out pullback): the callee's own tape lives and dies in it.
   *
   * @param written the arrays the call writes into, whose saved copies the pullback is handed
   * @return the terms the scalar arguments' variables receive
   */
  private Map<Expr, List<Expr>> pullback(
      Expr.Call call,
      Callees.Callee callee,
      Expr adjoint,
      Origin statement,
      WrittenArrays written,
      List<Stmt> block) {
    Origin origin = procedure.callSite(call, statement);
    CallChecks.requireDifferentiable(callee, origin);
    List<Expr> args = new ArrayList<>();
    if (callee.instance()) {
      args.add(new Expr.Var(procedure.receiver())); // the pullback takes the instance first
    }
    // an array the callee writes into: its saved old contents, which the pullback may overwrite
    call.args().forEach(a -> args.add(written.copies().getOrDefault(a, a)));
    args.add(adjoint);
    List<Stmt> resets = new ArrayList<>();
    Map<Expr, List<Expr>> terms = new LinkedHashMap<>();
    for (int k = 0; k < callee.params().size(); k++) {
      Param param = callee.params().get(k);
      Expr arg = call.args().get(k);
      boolean active = activity.carriesDerivative(arg);
      if (!CallChecks.differentiatesWith(callee, k, active, origin)) {
        continue;
      }
      if (param.type().dimensions() == 0) {
        String cell =
            cells.computeIfAbsent(
                call.name() + "|" + k,
                key -> names.fresh(new DerivativeNames(callee.name()).cell(param.name())));
        JType cellType = new JType(param.type().primitive(), 1);
        variables.put(cell, cellType);
        cellsUsed.put(cell, cellType);
        Expr element = new Expr.ArrayAccess(new Expr.Var(cell), Expr.Literal.ofInt(0));
        resets.add(new Stmt.Assign(element, AssignOp.SET, Expr.Literal.ofDouble(0), null));
        args.add(new Expr.Var(cell));
        if (active) {
          AdjointPropagator.propagate(
                  arg, element, activity, rules, c -> procedure.callSite(c, origin), Map.of())
              .forEach((key, list) -> terms.computeIfAbsent(key, x -> new ArrayList<>()).addAll(list));
        }
      } else if (active) {
        if (param.type().primitive() != JType.Primitive.DOUBLE
            || !(arg instanceof Expr.Var || arg instanceof Expr.ArrayAccess)) {
          throw new NotDifferentiableException(origin, "array argument " + (k + 1) + " of "
              + callee.name() + " must be a double[] variable or a row m[i] to be differentiated");
        }
        args.add(adjointOf(arg));
      } else {
        // the callee wants an accumulator even for an argument that carries no derivative
        args.add(
            param.type().dimensions() == 1
                ? new Expr.NewArray(param.type(), List.of(new Expr.ArrayLength(arg)))
                : zerosLike(arg, param.type()));
      }
    }
    String gradClass = callee.classReference(procedure.packageName()) + GradClassEmitter.SUFFIX;
    DerivativeNames calleeNames = new DerivativeNames(callee.name());
    // a callee that writes into its arrays: the adjoints of their new contents go in, those of
    // their old come out
    String form = callee.writesArrays() ? calleeNames.pullbackInOut() : calleeNames.pullback();
    block.addAll(resets);
    block.add(new Stmt.Eval(new Expr.Call(gradClass, form, args, callee.returnType()), null));
    return terms;
  }

  /** The adjoint of a variable or array element: {@code dx}, {@code dw[i]}. */
  private static Expr adjointOf(Expr primal) {
    if (primal instanceof Expr.Var v) {
      return new Expr.Var(Names.adjoint(v.name()));
    }
    Expr.ArrayAccess a = (Expr.ArrayAccess) primal;
    return new Expr.ArrayAccess(adjointOf(a.array()), a.index());
  }

  private Stmt accumulate(Expr key, Expr value, Map<String, AdjointState> states) {
    if (key instanceof Expr.ArrayAccess) {
      return new Stmt.Assign(adjointOf(key), AssignOp.ADD, value, null);
    }
    String name = ((Expr.Var) key).name();
    if (states.get(name) == AdjointState.NONZERO) {
      return new Stmt.Assign(new Expr.Var(Names.adjoint(name)), AssignOp.ADD, value, null);
    }
    return set(name, value, states);
  }

  private Stmt set(String name, Expr value, Map<String, AdjointState> states) {
    String adjoint = Names.adjoint(name);
    AdjointState before = states.getOrDefault(name, AdjointState.UNDECLARED);
    states.put(name, AdjointState.NONZERO);
    variables.put(adjoint, JType.DOUBLE);
    if (before == AdjointState.UNDECLARED) {
      return new Stmt.Declare(JType.DOUBLE, adjoint, value, null);
    }
    return new Stmt.Assign(new Expr.Var(adjoint), AssignOp.SET, value, null);
  }

  private static Expr sum(List<Expr> terms) {
    Expr sum = terms.get(0);
    for (int i = 1; i < terms.size(); i++) {
      sum = new Expr.Binary(BinaryOp.ADD, sum, terms.get(i));
    }
    return sum;
  }

  private static Stmt comment(Origin origin) {
    return new Stmt.Comment(
        "grad of: " + origin.text() + "  (" + origin.fileName() + ":" + origin.line() + ")");
  }

  // ---- to-be-recorded analysis -----------------------------------------------------------

  /**
   * Adds every variable the backward sweep reads to {@code into}; what a restore writes does not
   * count, or every overwritten value would justify its own saving.
   */
  private void readVariables(List<Stmt> stmts, Set<String> into) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d) {
        if (d.init() != null) {
          ExprRewriter.variables(d.init(), into);
        }
      } else if (s instanceof Stmt.Assign a) {
        if (restores.contains(a)) {
          indexVariables(a.target(), into);
        } else if (a.target() instanceof Expr.ArrayAccess) {
          ExprRewriter.variables(a.target(), into);
        }
        ExprRewriter.variables(a.value(), into);
      } else if (s instanceof Stmt.Return r) {
        ExprRewriter.variables(r.value(), into);
      } else if (s instanceof Stmt.Eval e) {
        ExprRewriter.variables(e.call(), into);
      } else if (s instanceof Stmt.If i) {
        ExprRewriter.variables(i.condition(), into);
        readVariables(i.then(), into);
        readVariables(i.otherwise(), into);
      } else if (s instanceof Stmt.Loop l) {
        readVariables(l.init(), into);
        ExprRewriter.variables(l.condition(), into);
        readVariables(l.update(), into);
        readVariables(l.body(), into);
      } else if (s instanceof Stmt.Block b) {
        readVariables(b.body(), into);
      }
    }
  }

  private static void indexVariables(Expr target, Set<String> into) {
    Expr e = target;
    while (e instanceof Expr.ArrayAccess a) {
      ExprRewriter.variables(a.index(), into);
      e = a.array();
    }
  }
}
