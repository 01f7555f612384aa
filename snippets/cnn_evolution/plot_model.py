"""Draw the original talk's CNN (with its BN layer)
with keras.utils.plot_model."""

from pathlib import Path

from bnviz.nn.cnns import seed_cnn

import keras

OUTPUT = "seed_cnn.png"  # plot_model picks the format from the extension


def main():
    model = seed_cnn(norm="batch")
    # so that an old file cannot pass the check below
    Path(OUTPUT).unlink(missing_ok=True)
    keras.utils.plot_model(
        model, to_file=OUTPUT, show_shapes=True, show_layer_activations=True
    )
    # Without graphviz, plot_model raises ImportError in a script but inside
    # Jupyter it only prints a message and writes nothing. Check for the file
    # instead of trusting silence.
    if not Path(OUTPUT).exists():
        raise RuntimeError(
            "plot_model wrote no file: it needs pydot and graphviz's `dot`"
        )
    print(f"wrote {OUTPUT}: {Path(OUTPUT).stat().st_size:,} bytes")
    return OUTPUT


if __name__ == "__main__":
    main()
