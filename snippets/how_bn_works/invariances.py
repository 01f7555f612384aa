"""Three properties of BN, checked on Keras' layer in training mode:
γ and β can undo the normalization, a bias before BN does nothing, and
scaling the weights before BN changes neither the output nor the direction
of the gradient — only its size, by 1/a."""

import keras
import numpy as np
import tensorflow as tf


def main():
    rng = np.random.default_rng(0)
    u = rng.normal(size=(64, 20)).astype("float32")  # a batch of inputs
    w = rng.normal(size=(20, 8)).astype("float32")  # a dense layer's weights
    b = rng.normal(size=8).astype("float32")  # and its bias
    bn = keras.layers.BatchNormalization()
    bn.build((None, 8))

    def bn_out(x):
        return bn(x, training=True).numpy()

    # 1. γ = √(σ² + ε) and β = μ give back the input
    x = u @ w
    bn.gamma.assign(np.sqrt(x.var(axis=0) + bn.epsilon))
    bn.beta.assign(x.mean(axis=0))
    print(f"γ, β undo BN: largest change {np.abs(bn_out(x) - x).max():.1e}")
    bn.gamma.assign(np.ones(8))
    bn.beta.assign(np.zeros(8))

    # 2. the bias of the layer before BN is subtracted with the mean
    no_bias = np.abs(bn_out(u @ w + b) - bn_out(u @ w)).max()
    print(f"bias before BN: output changes by {no_bias:.1e}")

    # 3. weights scaled by a: same output, gradient 1/a as large
    upstream = rng.normal(size=(64, 8)).astype("float32")
    grads = {}
    for a in (1.0, 10.0):
        scaled = tf.Variable(a * w)
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(bn(u @ scaled, training=True) * upstream)
        grads[a] = tape.gradient(loss, scaled).numpy()
    ratio = np.linalg.norm(grads[1.0]) / np.linalg.norm(grads[10.0])
    print(f"weights ×10: gradient norm ÷{ratio:.2f}")
    return {"bias_effect": no_bias, "gradient_ratio": ratio}


if __name__ == "__main__":
    main()
