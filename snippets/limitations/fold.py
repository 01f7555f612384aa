"""Fold every BN of the two-block CNN into the convolution or dense layer
before it, and check that the folded network computes the same outputs."""

from bnviz.data import load_mnist
from bnviz.nn.cnns import two_block_cnn
from bnviz.nn.fold import fold_batchnorm
from bnviz.probes.precise_bn import reestimate_bn

import numpy as np


def main():
    data = load_mnist("auto", 0)
    model = two_block_cnn("batch", seed=0)
    # give every BN layer real statistics: those of 1,000 training digits
    reestimate_bn(model, data.x_train[:1000], batch_size=100)
    folded, kept = fold_batchnorm(model)  # kept: BN layers that could not fold
    x = data.x_val[:256]
    bn_out = model.predict(x, verbose=0)  # inference mode
    folded_out = folded.predict(x, verbose=0)
    print(f"parameters: {model.count_params():,} -> {folded.count_params():,}")
    print(f"largest output difference: {np.abs(bn_out - folded_out).max():.1e}")
    return folded


if __name__ == "__main__":
    main()
