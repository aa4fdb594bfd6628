/**
 * @module Root component of the TV app: the portal shell.
 */
import { Lightning } from "@lightningjs/sdk";

interface AppSpec extends Lightning.Component.TemplateSpec {
  Title: object;
  Subtitle: object;
}

export class App
  extends Lightning.Component<AppSpec>
  implements Lightning.Component.ImplementTemplateSpec<AppSpec>
{
  static getFonts() {
    return [];
  }

  static override _template(): Lightning.Component.Template<AppSpec> {
    return {
      w: 1920,
      h: 1080,
      Title: {
        x: 96,
        y: 96,
        text: { text: "CATVポータル", fontFace: "Noto Sans CJK JP", fontSize: 64, textColor: 0xffffffff },
      },
      Subtitle: {
        x: 96,
        y: 200,
        text: {
          text: "マイナンバーカードで、テレビから公共サービスを",
          fontFace: "Noto Sans CJK JP",
          fontSize: 36,
          textColor: 0xffc8d6e5,
        },
      },
    };
  }
}
