package io.gravitee.release.gio.staging.plugin;

import java.lang.reflect.Field;

/** The staging goals as Maven runs them: parameters injected into their fields, inherited ones included. */
final class StagingMojos {
    private StagingMojos() {}

    static void set(Object mojo, String name, Object value) throws ReflectiveOperationException {
        for (Class<?> type = mojo.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(mojo, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }
}
