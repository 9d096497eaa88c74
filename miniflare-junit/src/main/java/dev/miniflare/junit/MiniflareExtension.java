package dev.miniflare.junit;

import dev.miniflare.Miniflare;
import dev.miniflare.TestClock;
import dev.miniflare.Worker;
import dev.miniflare.WorkerOptions;
import dev.miniflare.kv.KVNamespace;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The JUnit 5 extension behind {@link MiniflareTest}; register it yourself to configure workers in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static MiniflareExtension mf = MiniflareExtension.builder()
 *     .worker(w -> w.name("api").modules(true).scriptPath("src/index.mjs").kvNamespace("KV", "kv"))
 *     .isolation(Isolation.PER_TEST)
 *     .build();
 * }</pre>
 *
 * <p>Scopes stack like JUnit's lifecycle: a class scope (its runtime is what {@code @BeforeAll} writes to), and
 * a scope per test that starts from the class's storage as it stood after {@code @BeforeAll} and is discarded
 * afterwards, passed or failed. {@code @Nested} classes branch from their outer class. See {@link Isolation}.
 */
public final class MiniflareExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver, TestWatcher {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MiniflareExtension.class);
  private static final String CLASS_KEY = "miniflare.class-scope";
  private static final String TEST_KEY = "miniflare.test-scope";

  private final Miniflare.Builder template;
  private final Isolation isolation;

  /** The extension as {@link MiniflareTest} registers it: configured by the annotation. */
  public MiniflareExtension() {
    this(null, null);
  }

  private MiniflareExtension(Miniflare.Builder template, Isolation isolation) {
    this.template = template;
    this.isolation = isolation;
  }

  /** A builder for configuration in code (use with {@code @RegisterExtension} on a static field). */
  public static Builder builder() {
    return new Builder();
  }

  // --- lifecycle ------------------------------------------------------------------------------------------------

  @Override
  public void beforeAll(ExtensionContext context) {
    ClassScope scope = ensureClassScope(context);
    scope.start();
    injectFields(context, scope);
    if (context.getTestInstanceLifecycle().orElse(null) == org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS) {
      context.getTestInstance().ifPresent(instance -> injectInstanceFields(instance, scope));
    }
  }

  /**
   * The scope of the context's class, created on first use: normally in {@code beforeAll}, but a
   * {@code @TestInstance(PER_CLASS)} class is constructed (and may need injection) before that.
   */
  private ClassScope ensureClassScope(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    ExtensionContext.Store store = classContext.getStore(NS);
    synchronized (MiniflareExtension.class) {
      Object own = store.get(CLASS_KEY);
      ClassScope existing = own instanceof ClassScope cs && cs.owner() == classContext ? cs : null;
      if (existing != null) {
        return existing;
      }
      ClassScope parent = classContext.getParent().map(MiniflareExtension::findClassScope).orElse(null);
      Class<?> testClass = classContext.getRequiredTestClass();
      ClassScope scope;
      if (parent != null && testClass.getEnclosingClass() != null && !Modifier.isStatic(testClass.getModifiers())) {
        scope = new ClassScope(classContext, parent.template(), parent.isolation(), parent.branch(),
            testClass.getSimpleName());
      } else {
        Miniflare.Builder builder = template != null ? template.copy() : fromAnnotation(testClass);
        scope = new ClassScope(classContext, builder, isolation != null ? isolation : annotationIsolation(testClass),
            null, testClass.getSimpleName());
      }
      store.put(CLASS_KEY, scope);
      return scope;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Object own = context.getStore(NS).get(CLASS_KEY);
    if (own instanceof ClassScope scope && scope.owner() == context) {
      context.getStore(NS).remove(CLASS_KEY);
      scope.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TestScope scope = testScope(context);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      injectInstanceFields(instance, scope);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestScope scope = context.getStore(NS).get(TEST_KEY, TestScope.class);
    if (scope != null) {
      scope.close();
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    TestScope scope = context.getStore(NS).get(TEST_KEY, TestScope.class);
    if (scope != null && !scope.logs().entries().isEmpty()) {
      StringBuilder out = new StringBuilder("worker console output of failed test ")
          .append(context.getDisplayName()).append(":\n");
      for (WorkerLogs.Entry e : scope.logs().entries()) {
        out.append("  [").append(context.getDisplayName()).append("] ").append(e).append('\n');
      }
      System.err.print(out);
    }
  }

  /** Constructor parameters see the test's own scope, not the class's. */
  @Override
  public TestInstantiationAwareExtension.ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return TestInstantiationAwareExtension.ExtensionContextScope.TEST_METHOD;
  }

  private static ClassScope findClassScope(ExtensionContext context) {
    return context.getStore(NS).get(CLASS_KEY, ClassScope.class);
  }

  private TestScope testScope(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    TestScope scope = store.get(TEST_KEY, TestScope.class);
    if (scope == null || scope.isClosed()) {
      ClassScope classScope = ensureClassScope(context);
      scope = classScope.openTest(context.getDisplayName() + " (" + context.getUniqueId() + ")");
      store.put(TEST_KEY, scope);
    }
    return scope;
  }

  private Scope scopeFor(ExtensionContext context) {
    if (context.getTestMethod().isPresent()) {
      return testScope(context);
    }
    return ensureClassScope(context);
  }

  // --- configuration from the annotation -------------------------------------------------------------------------

  private static MiniflareTest annotation(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      MiniflareTest a = c.getAnnotation(MiniflareTest.class);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  private static Isolation annotationIsolation(Class<?> testClass) {
    MiniflareTest a = annotation(testClass);
    return a == null ? Isolation.PER_TEST : a.isolation();
  }

  private static Miniflare.Builder fromAnnotation(Class<?> testClass) {
    MiniflareTest a = annotation(testClass);
    if (a == null) {
      throw new ExtensionConfigurationException(testClass.getName() + " uses MiniflareExtension without"
          + " @MiniflareTest; annotate it, or register MiniflareExtension.builder()...build() with @RegisterExtension");
    }
    Path projectDir = Path.of(System.getProperty("user.dir"));
    Miniflare.Builder builder = Miniflare.builder();
    if (a.cpuTimeLimitMillis() >= 0) {
      builder.cpuTimeLimit(java.time.Duration.ofMillis(a.cpuTimeLimitMillis()));
    }
    if (a.config().length > 0) {
      String env = a.environment().isEmpty() ? null : a.environment();
      for (String name : a.config()) {
        Path config = projectDir.resolve(name).normalize();
        if (!Files.isRegularFile(config)) {
          throw new ExtensionConfigurationException("@MiniflareTest(config = \"" + name + "\") of "
              + testClass.getName() + ": no such file " + config + " (resolved against the project directory "
              + projectDir + ")");
        }
        try {
          builder.wranglerConfig(config, env);
        } catch (RuntimeException e) {
          throw new ExtensionConfigurationException("@MiniflareTest(config = \"" + name + "\") of "
              + testClass.getName() + ": " + e.getMessage(), e);
        }
      }
      return builder;
    }
    if (a.scriptPath().isEmpty()) {
      throw new ExtensionConfigurationException("@MiniflareTest on " + testClass.getName()
          + " needs config = \"wrangler.toml\" or scriptPath = \"src/index.js\"");
    }
    Path script = projectDir.resolve(a.scriptPath()).normalize();
    if (!Files.isRegularFile(script)) {
      throw new ExtensionConfigurationException("@MiniflareTest(scriptPath = \"" + a.scriptPath() + "\") of "
          + testClass.getName() + ": no such file " + script);
    }
    WorkerOptions.Builder w = WorkerOptions.builder().scriptPath(script).kvNamespaces(a.kvNamespaces())
        .r2Buckets(a.r2Buckets());
    if (a.modules().length > 0) {
      w.modules(a.modules()[0]);
    }
    if (!a.compatibilityDate().isEmpty()) {
      w.compatibilityDate(a.compatibilityDate());
    }
    return builder.worker(w.build());
  }

  // --- injection ---------------------------------------------------------------------------------------------------

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (parameterContext.isAnnotated(Binding.class)) {
      return true;
    }
    Class<?> type = parameterContext.getParameter().getType();
    return type == Miniflare.class || type == Worker.class || type == TestClock.class || type == WorkerLogs.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Scope scope = scopeFor(extensionContext);
    String workerName = parameterContext.findAnnotation(WorkerName.class).map(WorkerName::value).orElse(null);
    Optional<Binding> binding = parameterContext.findAnnotation(Binding.class);
    Class<?> type = parameterContext.getParameter().getType();
    String where = "parameter " + parameterContext.getParameter().getName() + " of "
        + parameterContext.getDeclaringExecutable();
    try {
      if (binding.isPresent()) {
        return resolveBinding(scope.miniflare(), workerName, binding.get().value(), type, where);
      }
      return resolveByType(scope, workerName, type);
    } catch (IllegalArgumentException e) {
      throw new ParameterResolutionException(e.getMessage() + " (" + where + ")", e);
    }
  }

  private static Object resolveByType(Scope scope, String workerName, Class<?> type) {
    Miniflare mf = scope.miniflare();
    if (type == Miniflare.class) {
      return mf;
    }
    if (type == Worker.class) {
      return workerName == null ? mf.worker() : mf.worker(workerName);
    }
    if (type == TestClock.class) {
      return mf.clock();
    }
    if (type == WorkerLogs.class) {
      return scope.logs();
    }
    throw new IllegalArgumentException("cannot inject " + type.getName());
  }

  static Object resolveBinding(Miniflare mf, String workerName, String name, Class<?> type, String where) {
    String worker = workerName != null ? workerName : mf.worker().name();
    WorkerOptions options = mf.workerOptions(worker);
    if (options == null) {
      throw new IllegalArgumentException("no worker named \"" + worker + "\"; workers: " + mf.workerNames());
    }
    if (options.kvNamespaces().containsKey(name)) {
      return typed(KVNamespace.class, "a KV namespace", type, name, worker, where, () -> mf.kvNamespace(worker, name));
    }
    if (options.r2Buckets().containsKey(name)) {
      return typed(dev.miniflare.r2.R2Bucket.class, "an R2 bucket", type, name, worker, where,
          () -> mf.r2Bucket(worker, name));
    }
    if (options.durableObjects().containsKey(name)) {
      return typed(dev.miniflare.durableobjects.DurableObjectNamespace.class, "a Durable Object namespace", type,
          name, worker, where, () -> mf.durableObjectNamespace(worker, name));
    }
    if (options.d1Databases().containsKey(name)) {
      return typed(dev.miniflare.d1.D1Database.class, "a D1 database", type, name, worker, where,
          () -> mf.d1Database(worker, name));
    }
    if (options.queueProducers().containsKey(name)) {
      Class<?> producerType = dev.miniflare.queues.QueueProducer.class;
      if (type.isAssignableFrom(producerType)) {
        return mf.queueProducer(worker, name);
      }
      if (type == dev.miniflare.queues.Queue.class) {
        return mf.queueProducer(worker, name).queue();
      }
      throw wrongType(producerType, "a queue producer", type, name, worker, where);
    }
    if (options.assets() != null && name.equals(options.assets().binding())) {
      return typed(dev.miniflare.assets.AssetServer.class, "an assets binding", type, name, worker, where,
          () -> mf.assets(worker));
    }
    if (options.serviceBindings().containsKey(name)) {
      WorkerOptions.ServiceTarget target = options.serviceBindings().get(name);
      if (target instanceof WorkerOptions.WorkerTarget t && type.isAssignableFrom(Worker.class)) {
        return mf.worker(t.worker());
      }
      throw new ParameterResolutionException("binding \"" + name + "\" of worker \"" + worker
          + "\" is a service binding (" + target + "); inject it as " + Worker.class.getName()
          + " when it targets a worker, but the " + where + " is declared as " + type.getName());
    }
    if (options.bindings().containsKey(name)) {
      Object value = options.bindings().get(name);
      if (value != null && type.isInstance(value)) {
        return value;
      }
      try {
        return dev.miniflare.http.Json.MAPPER.convertValue(value, type);
      } catch (IllegalArgumentException e) {
        throw new ParameterResolutionException("binding \"" + name + "\" of worker \"" + worker + "\" is a "
            + (value == null ? "null" : value.getClass().getName()) + " value but the " + where
            + " is declared as " + type.getName(), e);
      }
    }
    Set<String> known = new LinkedHashSet<>(options.kvNamespaces().keySet());
    known.addAll(options.durableObjects().keySet());
    known.addAll(options.d1Databases().keySet());
    known.addAll(options.r2Buckets().keySet());
    known.addAll(options.serviceBindings().keySet());
    known.addAll(options.queueProducers().keySet());
    known.addAll(options.bindings().keySet());
    if (options.assets() != null && options.assets().binding() != null) {
      known.add(options.assets().binding());
    }
    throw new ParameterResolutionException("worker \"" + worker + "\" has no binding named \"" + name
        + "\"; its bindings are " + known + " (" + where + ")");
  }

  /** The binding if the declared type accepts {@code bindingType}, else the error naming both types. */
  private static Object typed(Class<?> bindingType, String aWhat, Class<?> declared, String name, String worker,
      String where, java.util.function.Supplier<Object> binding) {
    if (!declared.isAssignableFrom(bindingType)) {
      throw wrongType(bindingType, aWhat, declared, name, worker, where);
    }
    return binding.get();
  }

  private static ParameterResolutionException wrongType(Class<?> bindingType, String aWhat, Class<?> declared,
      String name, String worker, String where) {
    return new ParameterResolutionException("binding \"" + name + "\" of worker \"" + worker + "\" is " + aWhat
        + " (" + bindingType.getName() + ") but the " + where + " is declared as " + declared.getName());
  }

  /** Injects the class's static {@code @Binding} fields (the class runtime is only built if there are some). */
  private static void injectFields(ExtensionContext context, Scope scope) {
    injectFields(context.getRequiredTestClass(), null, scope);
  }

  private static void injectInstanceFields(Object instance, Scope scope) {
    injectFields(instance.getClass(), instance, scope);
  }

  private static void injectFields(Class<?> type, Object instance, Scope scope) {
    boolean statics = instance == null;
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) == statics && f.isAnnotationPresent(Binding.class)) {
          setField(f, instance, scope.miniflare());
        }
      }
    }
  }

  private static void setField(Field f, Object instance, Miniflare mf) {
    String workerName = f.isAnnotationPresent(WorkerName.class) ? f.getAnnotation(WorkerName.class).value() : null;
    Object value;
    try {
      value = resolveBinding(mf, workerName, f.getAnnotation(Binding.class).value(), f.getType(),
          "field " + f.getDeclaringClass().getSimpleName() + "." + f.getName());
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(e.getMessage() + " (field " + f + ")", e);
    }
    try {
      f.setAccessible(true);
      f.set(instance, value);
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException("cannot inject field " + f + ": " + e.getMessage(), e);
    }
  }

  // --- code configuration -------------------------------------------------------------------------------------------

  /** The runtime of the test (or class) running on this thread, for use in helpers that were not injected. */
  public Miniflare miniflare(ExtensionContext context) {
    return scopeFor(context).miniflare();
  }

  /** Builder of a {@link MiniflareExtension} with the same options as {@code Miniflare.builder()}. */
  public static final class Builder {
    private final Miniflare.Builder miniflare = Miniflare.builder();
    private Isolation isolation = Isolation.PER_TEST;

    private Builder() {}

    /** Adds a worker (the first is the main one). */
    public Builder worker(Consumer<WorkerOptions.Builder> configure) {
      miniflare.worker(configure);
      return this;
    }

    /** Adds a worker. */
    public Builder worker(WorkerOptions options) {
      miniflare.worker(options);
      return this;
    }

    /** Adds the worker of a wrangler config file (resolved against the project directory). */
    public Builder wranglerConfig(String path, String environment) {
      miniflare.wranglerConfig(Path.of(System.getProperty("user.dir")).resolve(path), environment);
      return this;
    }

    /** Answers workers' outbound fetch with a Java function. */
    public Builder outboundService(java.util.function.Function<dev.miniflare.http.Request, dev.miniflare.http.Response> handler) {
      miniflare.outboundService(handler);
      return this;
    }

    /** Changes any other top-level option. */
    public Builder configure(Consumer<Miniflare.Builder> options) {
      options.accept(miniflare);
      return this;
    }

    /** How much runtime state tests share (default {@link Isolation#PER_TEST}). */
    public Builder isolation(Isolation isolation) {
      this.isolation = isolation;
      return this;
    }

    /** The extension. */
    public MiniflareExtension build() {
      if (miniflare.workers().isEmpty()) {
        throw new IllegalStateException("MiniflareExtension.builder() needs at least one worker");
      }
      return new MiniflareExtension(miniflare, isolation);
    }
  }

  /** Something tests can resolve from: a class scope or a test scope. */
  interface Scope {
    Miniflare miniflare();

    WorkerLogs logs();
  }
}
