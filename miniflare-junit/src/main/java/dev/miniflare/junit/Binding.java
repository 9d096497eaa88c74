package dev.miniflare.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the worker's binding of this name into a parameter or field: a {@code KVNamespace}, a
 * {@code DurableObjectNamespace}, a queue producer as {@code QueueProducer} (or its {@code Queue}), a service
 * binding to another worker as {@code Worker}, or the value of a plain binding ({@code [vars]}) as a String,
 * number, boolean, Map or List. Add {@link WorkerName} to take the binding of a worker other than the main one.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Binding {
  /** The binding's name, as the worker's {@code env} has it. */
  String value();
}
