package org.sparknn.driver.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Writes a Java record component by component and reads it back through its canonical constructor. Kryo 4 predates
 * records: its field serializer sets final fields reflectively, which the JVM refuses for records, and it would skip
 * the validation in the constructor. Components are written with their class (they may be null or subtypes), so
 * every component type that is not primitive must be registered too.
 */
public final class RecordSerializer<T extends Record> extends Serializer<T> {
  private final Method[] accessors;
  private final Constructor<T> constructor;

  public RecordSerializer(Class<T> type) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) throw new IllegalArgumentException(type.getName() + " is not a record");
    accessors = new Method[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      accessors[i] = components[i].getAccessor();
      types[i] = components[i].getType();
    }
    try {
      constructor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
    }
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, T record) {
    try {
      for (Method accessor : accessors) kryo.writeClassAndObject(output, accessor.invoke(record));
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new KryoException("cannot read the components of " + record.getClass().getName(), e);
    }
  }

  @Override
  public T read(Kryo kryo, Input input, Class<T> type) {
    Object[] values = new Object[accessors.length];
    for (int i = 0; i < values.length; i++) values[i] = kryo.readClassAndObject(input);
    try {
      return constructor.newInstance(values);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new KryoException("cannot construct " + type.getName(), e);
    } catch (InvocationTargetException e) {
      throw new KryoException("invalid " + type.getName() + " read back: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
