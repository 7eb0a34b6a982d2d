package org.sparknn.driver.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.sparknn.optim.OptState;

/**
 * Writes an {@link OptState} through its constructor (step, slot size, slots) so that its validation runs on the
 * receiving side too; Kryo's field serializer would bypass the constructor.
 */
public final class OptStateSerializer extends Serializer<OptState> {
  @Override
  public void write(Kryo kryo, Output output, OptState state) {
    output.writeVarLong(state.step(), true);
    output.writeVarInt(state.size(), true);
    output.writeVarInt(state.valueCount(), true); // the blocks one after the other, as one array
    for (int k = 0; k < state.slotCount(); k++) FloatArrays.write(output, state.slot(k), state.size());
  }

  @Override
  public OptState read(Kryo kryo, Input input, Class<OptState> type) {
    long step = input.readVarLong(true);
    int size = input.readVarInt(true);
    float[] slots = FloatArrays.read(input, input.readVarInt(true));
    return new OptState(step, size, slots);
  }
}
