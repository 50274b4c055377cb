package io.faceflow.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD with momentum and L2 weight decay in PyTorch's convention (what the reference trains with):
 * {@code d = g + wd * p; buf = momentum * buf + d; p -= lr * buf} (buf starts at d).
 * Written out rather than DJL's Sgd so the semantics are exactly these and the momentum buffers
 * can be checkpointed by parameter name.
 */
public final class SgdMomentum implements AutoCloseable {
    private final double momentum;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    public SgdMomentum(double momentum, double weightDecay, NDManager parent) {
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.manager = parent.newSubManager();
    }

    /** Updates one parameter in place from its gradient. */
    public void update(String name, NDArray parameter, NDArray gradient, double lr) {
        NDArray d = gradient.duplicate();
        d.attach(manager);
        if (weightDecay != 0) {
            try (NDArray decay = parameter.mul(weightDecay)) {
                d.addi(decay);
            }
        }
        NDArray buf = buffers.get(name);
        if (buf == null) {
            buffers.put(name, d);
            buf = d;
        } else {
            buf.muli(momentum).addi(d);
            d.close();
        }
        try (NDArray step = buf.mul(lr)) {
            parameter.subi(step);
        }
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeInt(buffers.size());
        for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
            out.writeUTF(e.getKey());
            byte[] bytes = e.getValue().encode();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    public void load(DataInputStream in) throws IOException {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            buffers.put(name, NDArray.decode(manager, bytes));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
