package io.github.ad4j.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of what ad4j generates for a method {@code f}, in one place: the generator names its
 * methods with them, and tools that look for them in a generated class (the command line, the
 * generated checks) find them with them.
 *
 * @param method the {@code @Differentiable} method's name, {@code f}
 */
public record DerivativeNames(String method) {

  /** {@code d<f>d<p>}: the partial derivative with respect to parameter {@code p}. */
  public String partial(String parameter) {
    return "d" + method + "d" + parameter;
  }

  /** {@code <f>Gradient}: the record form and the allocation-free form. */
  public String gradient() {
    return method + "Gradient";
  }

  /** {@code <F>Gradient}: the record the record form returns. */
  public String record() {
    return capitalized() + "Gradient";
  }

  private String capitalized() {
    return capitalized(method);
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * {@code <f><P>Cell}: in a caller's derivative, the one-element array through which a call of
   * {@code f} hands back its derivative with respect to its scalar parameter {@code p} (the
   * base of a local's name, made unique by the caller).
   */
  public String cell(String parameter) {
    return method + capitalized(parameter) + "Cell";
  }

  /**
   * {@code <F>Workspace}: the class, nested in the generated class, whose instances keep the
   * tapes of the allocation-free form and the pullback between calls.
   */
  public String workspace() {
    return capitalized() + "Workspace";
  }

  /** {@code <f>Pullback}. */
  public String pullback() {
    return method + "Pullback";
  }

  /** {@code <f>Pushforward}. */
  public String pushforward() {
    return method + "Pushforward";
  }

  /**
   * {@code <f>PullbackInOut}, of a method that writes into its array parameters: the pullback
   * its callers' backward sweeps call.
   */
  public String pullbackInOut() {
    return pullback() + "InOut";
  }

  /**
   * {@code <f>PushforwardInOut}, of a method that writes into its array parameters: the
   * pushforward its callers' forward sweeps call.
   */
  public String pushforwardInOut() {
    return pushforward() + "InOut";
  }

  // compiled once: every declaration of every form with a workspace is asked about
  private static final Pattern ARRAY_COPY = Pattern.compile(".*(Before|After)[0-9]*");
  private static final Pattern CELL = Pattern.compile(".*Cell[0-9]*");
  private static final Pattern FORM_SUFFIX = Pattern.compile("(PullbackInOut|Pullback|Gradient)$");

  /**
   * {@code <a>Before}: in a caller's derivative, the copy of array {@code a} saved before a call
   * that writes into it (the base of a local's name, made unique by the caller).
   */
  public static String savedCopy(String array) {
    return array + "Before";
  }

  /**
   * {@code <a>After}: in a derivative of a method that writes into its parameter array {@code
   * a}, the copy of what the caller must see in it, saved at the end of the forward sweep and
   * put back at the end of the backward sweep.
   */
  public static String keptWrites(String array) {
    return array + "After";
  }

  /**
   * Whether {@code name} is a {@link #savedCopy}'s or a {@link #keptWrites}'s, made unique with a
   * number or not: a copy of an array that the generated code makes and keeps to itself.
   */
  public static boolean isArrayCopy(String name) {
    return ARRAY_COPY.matcher(name).matches();
  }

  /** Whether {@code name} is a cell's, {@link #cell}'s name, made unique with a number or not. */
  public static boolean isCell(String name) {
    return CELL.matcher(name).matches();
  }

  /** Whether {@code name} is a pullback's: {@code <f>Pullback} or {@code <f>PullbackInOut}. */
  public static boolean isPullback(String name) {
    return name.endsWith("Pullback") || name.endsWith("PullbackInOut");
  }

  /** Whether {@code name} is a gradient form's: {@code <f>Gradient}. */
  public static boolean isGradient(String name) {
    return name.endsWith("Gradient");
  }

  /**
   * The method whose {@link #isPullback pullback} or {@link #isGradient gradient form} {@code
   * form} is: {@code f} for {@code fPullback}, {@code fPullbackInOut} or {@code fGradient}.
   */
  public static String methodOf(String form) {
    return FORM_SUFFIX.matcher(form).replaceFirst("");
  }

  /** Whether {@code name} is an in/out form's: {@code <f>PullbackInOut}, {@code <f>PushforwardInOut}. */
  public static boolean isInOut(String name) {
    return name.endsWith("PullbackInOut") || name.endsWith("PushforwardInOut");
  }

  /** {@code <f>Jacobian}, of a method returning {@code double[]}. */
  public String jacobian() {
    return method + "Jacobian";
  }

  /** {@code <f>HessianVector}, of a {@code @Hessian} method. */
  public String hessianVector() {
    return method + "HessianVector";
  }

  /** {@code <f>Hessian}, of a {@code @Hessian} method. */
  public String hessian() {
    return method + "Hessian";
  }

  /** {@code <f>PushforwardPullback}, of a {@code @Hessian} method. */
  public String pushforwardPullback() {
    return pushforward() + "Pullback";
  }

  /** Every generated method's name but the partials, which depend on the parameters. */
  public List<String> forms() {
    return List.of(
        gradient(), pullback(), pushforward(), pullbackInOut(), pushforwardInOut(), jacobian(),
        hessianVector(), hessian(), pushforwardPullback());
  }
}
