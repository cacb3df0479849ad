package io.github.ad4j.core.testing;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Argument lists of methods under test, whose differentiable arguments are scalars ({@code
 * Double}, {@code Float}) or arrays ({@code double[]}, {@code float[]}, {@code double[][]}, ...).
 *
 * <p>A <em>cell</em> is one real number of a differentiable argument: the scalar itself (path
 * {@code []}), element {@code [i]} of a vector, or element {@code [i][j]} of a matrix. Cells are
 * listed in row-major order, which is also the order of {@link #flatten}.
 */
public final class Arguments {

  private Arguments() {}

  /** A deep copy: every array at every depth is new, boxed scalars are shared (immutable). */
  public static Object[] copy(Object[] args) {
    Object[] copy = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      copy[i] = copyValue(args[i]);
    }
    return copy;
  }

  /** A deep copy of one value: arrays (also of arrays) are copied, anything else is returned. */
  public static Object copyValue(Object value) {
    if (value == null || !value.getClass().isArray()) {
      return value;
    }
    int length = Array.getLength(value);
    Class<?> component = value.getClass().getComponentType();
    Object copy = Array.newInstance(component, length);
    if (component.isPrimitive()) {
      System.arraycopy(value, 0, copy, 0, length);
    } else {
      for (int i = 0; i < length; i++) {
        Array.set(copy, i, copyValue(Array.get(value, i)));
      }
    }
    return copy;
  }

  /** Whether {@code value} is a floating scalar or a (nested) array of floating numbers. */
  public static boolean isFloating(Object value) {
    Class<?> type = value.getClass();
    while (type.isArray()) {
      type = type.getComponentType();
    }
    return type == Double.class || type == Float.class || type == double.class
        || type == float.class;
  }

  /** Whether the numbers of {@code value} are {@code float}s. */
  public static boolean isFloat(Object value) {
    Class<?> type = value.getClass();
    while (type.isArray()) {
      type = type.getComponentType();
    }
    return type == Float.class || type == float.class;
  }

  /** The paths of every cell of {@code value}, row-major. */
  public static List<int[]> cells(Object value) {
    List<int[]> cells = new ArrayList<>();
    collect(value, new int[0], cells);
    return cells;
  }

  private static void collect(Object value, int[] prefix, List<int[]> cells) {
    if (value == null) {
      throw new IllegalArgumentException("null argument where numbers were expected");
    }
    if (!value.getClass().isArray()) {
      cells.add(prefix);
      return;
    }
    int length = Array.getLength(value);
    for (int i = 0; i < length; i++) {
      int[] path = Arrays.copyOf(prefix, prefix.length + 1);
      path[prefix.length] = i;
      if (value.getClass().getComponentType().isPrimitive()) {
        cells.add(path);
      } else {
        collect(Array.get(value, i), path, cells);
      }
    }
  }

  /** The number at {@code path} in {@code value}. */
  public static double get(Object value, int[] path) {
    Object at = value;
    for (int i = 0; i < path.length; i++) {
      at = Array.get(at, path[i]);
    }
    return ((Number) at).doubleValue();
  }

  /**
   * {@code value} with the number at {@code path} replaced by {@code t} (rounded to float for
   * float cells). Arrays are changed in place; a scalar comes back as a new box.
   */
  public static Object set(Object value, int[] path, double t) {
    if (path.length == 0) {
      return value instanceof Float ? (Object) (float) t : (Object) t;
    }
    Object row = value;
    for (int i = 0; i < path.length - 1; i++) {
      row = Array.get(row, path[i]);
    }
    int last = path[path.length - 1];
    if (row instanceof float[]) {
      ((float[]) row)[last] = (float) t;
    } else {
      ((double[]) row)[last] = t;
    }
    return value;
  }

  /** A deep copy of {@code args} with the cell {@code path} of argument {@code index} set to t. */
  public static Object[] moved(Object[] args, int index, int[] path, double t) {
    Object[] moved = copy(args);
    moved[index] = set(moved[index], path, t);
    return moved;
  }

  /** Every number of {@code value}, row-major. */
  public static double[] flatten(Object value) {
    List<int[]> cells = cells(value);
    double[] flat = new double[cells.size()];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = get(value, cells.get(i));
    }
    return flat;
  }

  /**
   * The type and shape of {@code value}, such as {@code Double}, {@code double[3]} or {@code
   * double[2][3]} (ragged rows are listed: {@code double[2][3,1]}).
   */
  public static String shape(Object value) {
    if (value == null) {
      return "null";
    }
    if (!value.getClass().isArray()) {
      return value.getClass().getSimpleName();
    }
    Class<?> element = value.getClass();
    while (element.isArray()) {
      element = element.getComponentType();
    }
    StringBuilder shape = new StringBuilder(element.getSimpleName());
    appendShape(value, shape);
    return shape.toString();
  }

  private static void appendShape(Object value, StringBuilder shape) {
    int length = Array.getLength(value);
    shape.append('[').append(length).append(']');
    if (!value.getClass().getComponentType().isPrimitive() && length > 0) {
      List<String> rows = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        StringBuilder row = new StringBuilder();
        appendShape(Array.get(value, i), row);
        rows.add(row.toString());
      }
      if (rows.stream().distinct().count() == 1) {
        shape.append(rows.get(0));
      } else {
        shape.append(rows);
      }
    }
  }

  /** A path as Java writes an element access: {@code []}, {@code [2]}, {@code [1][0]}. */
  public static String path(int[] path) {
    StringBuilder s = new StringBuilder();
    for (int i : path) {
      s.append('[').append(i).append(']');
    }
    return s.toString();
  }

  /** The arguments as a reader would write them: arrays with their elements. */
  public static String describe(Object[] args) {
    return Arrays.deepToString(args);
  }

  /** Whether two argument lists hold equal numbers (bit for bit) at every depth. */
  public static boolean same(Object[] a, Object[] b) {
    return Arrays.deepEquals(a, b);
  }

  /** The numbers of the arguments at {@code wrt}, as one vector: in order, arrays row by row. */
  public static double[] flatten(Object[] args, int[] wrt) {
    List<Double> flat = new java.util.ArrayList<>();
    for (int index : wrt) {
      for (double v : flatten(args[index])) {
        flat.add(v);
      }
    }
    return flat.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * {@code flat} cut into the shapes of the arguments at {@code wrt}: a {@code Double} for a
   * scalar, a {@code double[]} or {@code double[][]} of the same shape for an array.
   */
  public static Object[] unflatten(Object[] args, int[] wrt, double[] flat) {
    Object[] out = new Object[wrt.length];
    int offset = 0;
    for (int k = 0; k < wrt.length; k++) {
      Object shape = args[wrt[k]];
      if (shape instanceof Number) {
        out[k] = flat[offset++];
      } else if (shape instanceof double[] v) {
        out[k] = java.util.Arrays.copyOfRange(flat, offset, offset + v.length);
        offset += v.length;
      } else {
        double[][] m = (double[][]) shape;
        double[][] block = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          block[i] = java.util.Arrays.copyOfRange(flat, offset, offset + m[i].length);
          offset += m[i].length;
        }
        out[k] = block;
      }
    }
    return out;
  }
}
