"""The fine-tuning pitfall: in Keras 3, trainable=False puts a BN layer in inference mode."""

import keras
import numpy as np

from bnviz.experiments import spec_for
from bnviz.experiments.finetune_pitfall import inverted, moving_means
from bnviz.nn.cnns import two_block_cnn
from bnviz.train import train_model

SPEC = spec_for("finetune_pitfall")  # quick profile unless $BNVIZ_PROFILE says otherwise
SEED = 0


def main():
    data = SPEC.load_data()
    pretrained = two_block_cnn("batch", SEED)
    train_model(pretrained, data, SPEC.train, SEED)  # upright digits
    results = {}
    for frozen in (True, False):
        model = two_block_cnn("batch", SEED)
        model.set_weights(pretrained.get_weights())
        for layer in model.layers:
            if isinstance(layer, keras.layers.BatchNormalization):
                layer.trainable = not frozen  # False also means: always inference mode
        before = moving_means(model)
        history = train_model(model, inverted(data), SPEC.finetune, SEED)  # 1 - pixel
        moved = float(np.abs(moving_means(model) - before).max())
        name = "BN frozen" if frozen else "BN trainable"
        accuracy = history["val_accuracy"][-1]
        print(f"{name:>12}: accuracy {accuracy:.3f}, moving means moved {moved:.3g}")
        results[name] = history
    return results


if __name__ == "__main__":
    main()
