"""Train a fast style-transfer network with BN and with Instance Norm (the
experiment above), then show the stylized held-out photo and the losses."""

from bnviz.experiments import spec_for
from bnviz.experiments.style_transfer import run
from bnviz.figures import COLORS
from bnviz.figures.stylization import style_losses, stylized

# quick profile unless $BNVIZ_PROFILE says otherwise
SPEC = spec_for("style_transfer")


def main():
    # VGG19 as loss network if its weights load, else a random CNN
    result = run(SPEC)
    print("loss network:", result["data"]["loss_network"])
    for norm, runs in result["histories"].items():
        last = runs[0]
        print(
            f"{norm:>8}: style loss {last['style_loss'][-1]:.3f}, "
            f"content loss {last['content_loss'][-1]:.3f} (first seed)"
        )
    stylized(result["arrays"], COLORS).savefig("stylized.png")
    style_losses(result["histories"], COLORS).savefig("style_losses.png")
    return result


if __name__ == "__main__":
    main()
