"""Batch Normalization's forward and backward pass in NumPy,
on a real convolution output."""

from bnviz.data import load_mnist
from bnviz.nn.cnns import seed_cnn
from bnviz.reference.bn import batch_norm_backward, batch_norm_forward

import keras
import numpy as np


def main():
    model = seed_cnn(norm="batch")
    images = load_mnist("mnist-5k").x_val[:32]
    # the BN layer's input: conv + ReLU activations,
    # shape (N, H, W, C) = (32, 26, 26, 32)
    x = np.asarray(
        keras.Model(model.input, model.get_layer("bn").input)(images), "float64"
    )
    gamma, beta = np.ones(x.shape[-1]), np.zeros(x.shape[-1])

    # statistics over N, H and W per channel
    out, cache = batch_norm_forward(x, gamma, beta)
    keras_out = np.asarray(
        model.get_layer("bn")(x.astype("float32"), training=True)
    )
    print(f"largest difference from Keras: {np.abs(out - keras_out).max():.1e}")

    # backward: gradients of loss = sum(out * upstream) w.r.t. x, gamma and beta
    upstream = np.random.default_rng(0).normal(size=x.shape)
    dx, dgamma, dbeta = batch_norm_backward(upstream, cache)
    print(f"dx {dx.shape}, dgamma {dgamma.shape}, dbeta {dbeta.shape}")
    # a dense layer's (N, C) output works the same way,
    # with statistics over N only
    dense_out, _ = batch_norm_forward(x.mean(axis=(1, 2)), gamma, beta)
    print(
        "dense case: per-feature means "
        f"{np.abs(dense_out.mean(axis=0)).max():.1e} from 0"
    )
    return {"out": out, "dx": dx, "dgamma": dgamma, "dbeta": dbeta}


if __name__ == "__main__":
    main()
