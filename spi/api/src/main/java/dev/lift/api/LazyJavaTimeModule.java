package dev.lift.api;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Jackson's {@link JavaTimeModule}, set up only when a {@code java.time} type is first met. The
 * module builds some sixty serializers and deserializers (about 75 classes) when registered, which
 * would cost every cold start tens of milliseconds although most functions never read or write a
 * date; registered through this class, a mapper pays that on its first {@code java.time} value.
 * Every lookup for another type is one package check.
 */
final class LazyJavaTimeModule extends Module {

    /** What {@link JavaTimeModule#setupModule} registers, captured once. */
    private static final class Parts {
        final List<Serializers> serializers = new ArrayList<>();
        final List<Serializers> keySerializers = new ArrayList<>();
        final List<Deserializers> deserializers = new ArrayList<>();
        final List<KeyDeserializers> keyDeserializers = new ArrayList<>();
        final List<ValueInstantiators> instantiators = new ArrayList<>();
        final List<BeanDeserializerModifier> deserializerModifiers = new ArrayList<>();
        final List<BeanSerializerModifier> serializerModifiers = new ArrayList<>();
    }

    private volatile Parts parts;

    @Override
    public String getModuleName() {
        return "lift-lazy-java-time";
    }

    @Override
    public Object getTypeId() {
        return getModuleName();
    }

    @Override
    public Version version() {
        return com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
    }

    static boolean isJavaTime(Class<?> type) {
        return type != null && type.getName().startsWith("java.time.");
    }

    private Parts parts() {
        Parts p = parts;
        if (p == null) {
            synchronized (this) {
                p = parts;
                if (p == null) {
                    p = capture();
                    parts = p;
                }
            }
        }
        return p;
    }

    /** Runs the real module's setup against a context that only records what it adds. */
    private static Parts capture() {
        Parts p = new Parts();
        SetupContext recorder = (SetupContext) Proxy.newProxyInstance(LazyJavaTimeModule.class.getClassLoader(),
                new Class<?>[] {SetupContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "addSerializers": p.serializers.add((Serializers) args[0]); return null;
                        case "addKeySerializers": p.keySerializers.add((Serializers) args[0]); return null;
                        case "addDeserializers": p.deserializers.add((Deserializers) args[0]); return null;
                        case "addKeyDeserializers": p.keyDeserializers.add((KeyDeserializers) args[0]); return null;
                        case "addValueInstantiators": p.instantiators.add((ValueInstantiators) args[0]); return null;
                        case "addBeanDeserializerModifier": p.deserializerModifiers.add((BeanDeserializerModifier) args[0]); return null;
                        case "addBeanSerializerModifier": p.serializerModifiers.add((BeanSerializerModifier) args[0]); return null;
                        case "getMapperVersion": return com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
                        case "isEnabled": return Boolean.FALSE;
                        default:
                            throw new UnsupportedOperationException("JavaTimeModule called SetupContext." + method.getName()
                                    + ", which Lift's lazy registration does not forward");
                    }
                });
        new JavaTimeModule().setupModule(recorder);
        return p;
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addSerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
                return isJavaTime(type.getRawClass()) ? serializer(parts().serializers, config, type, bean) : null;
            }
        });
        context.addKeySerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
                return isJavaTime(type.getRawClass()) ? serializer(parts().keySerializers, config, type, bean) : null;
            }
        });
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                                                            BeanDescription bean) throws JsonMappingException {
                if (!isJavaTime(type.getRawClass())) {
                    return null;
                }
                for (Deserializers d : parts().deserializers) {
                    JsonDeserializer<?> found = d.findBeanDeserializer(type, config, bean);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }

            @Override
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                            BeanDescription bean) throws JsonMappingException {
                if (!isJavaTime(type)) {
                    return null;
                }
                for (Deserializers d : parts().deserializers) {
                    JsonDeserializer<?> found = d.findEnumDeserializer(type, config, bean);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
        });
        context.addKeyDeserializers((type, config, bean) -> {
            if (!isJavaTime(type.getRawClass())) {
                return null;
            }
            for (KeyDeserializers d : parts().keyDeserializers) {
                KeyDeserializer found = d.findKeyDeserializer(type, config, bean);
                if (found != null) {
                    return found;
                }
            }
            return null;
        });
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription bean,
                                                           ValueInstantiator instantiator) {
                if (!isJavaTime(bean.getBeanClass())) {
                    return instantiator;
                }
                ValueInstantiator v = instantiator;
                for (ValueInstantiators i : parts().instantiators) {
                    v = i.findValueInstantiator(config, bean, v);
                }
                return v;
            }
        });
        context.addBeanDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription bean, JsonDeserializer<?> deserializer) {
                if (!isJavaTime(type.getRawClass())) {
                    return deserializer;
                }
                JsonDeserializer<?> d = deserializer;
                for (BeanDeserializerModifier m : parts().deserializerModifiers) {
                    d = m.modifyEnumDeserializer(config, type, bean, d);
                }
                return d;
            }
        });
        context.addBeanSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifyEnumSerializer(SerializationConfig config, JavaType type, BeanDescription bean,
                                                          JsonSerializer<?> serializer) {
                if (!isJavaTime(type.getRawClass())) {
                    return serializer;
                }
                JsonSerializer<?> s = serializer;
                for (BeanSerializerModifier m : parts().serializerModifiers) {
                    s = m.modifyEnumSerializer(config, type, bean, s);
                }
                return s;
            }
        });
    }

    private static JsonSerializer<?> serializer(List<Serializers> all, SerializationConfig config, JavaType type,
                                                BeanDescription bean) {
        for (Serializers s : all) {
            JsonSerializer<?> found = s.findSerializer(config, type, bean);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
