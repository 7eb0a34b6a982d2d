package org.sparknn.driver.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.sparknn.data.Block;

/**
 * Writes a {@link Block} as its three sizes and only the used prefix of its arrays: a block's arrays may be longer
 * than {@code rows} samples (reused buffers), and cached or shuffled blocks should not carry that slack. Read back,
 * the arrays are exactly as long as needed.
 */
public final class BlockSerializer extends Serializer<Block> {
  @Override
  public void write(Kryo kryo, Output output, Block block) {
    output.writeVarInt(block.rows(), true);
    output.writeVarInt(block.features(), true);
    output.writeVarInt(block.labelWidth(), true);
    FloatArrays.write(output, block.x(), block.rows() * block.features());
    FloatArrays.write(output, block.y(), block.rows() * block.labelWidth());
  }

  @Override
  public Block read(Kryo kryo, Input input, Class<Block> type) {
    int rows = input.readVarInt(true);
    int features = input.readVarInt(true);
    int labelWidth = input.readVarInt(true);
    float[] x = FloatArrays.read(input, rows * features);
    float[] y = FloatArrays.read(input, rows * labelWidth);
    return new Block(rows, features, labelWidth, x, y);
  }
}
