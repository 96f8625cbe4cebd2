/*
 * The baseline for the app's budgets: a bare SDL2 + SDL2_ttf program that opens a
 * window and a software renderer, draws one line of text and presents the first
 * frame. With --first-frame it quits right after; otherwise it waits for events like
 * the app does (for the idle-CPU comparison). With --native-framebuffer it sets
 * SDL_HINT_FRAMEBUFFER_ACCELERATION=0 as the app does on X11 (no GL in between).
 * --size WxH sets the window's size as the app's option does (default 1024x640).
 *   bench_bare_sdl [--first-frame] [--native-framebuffer] [--size WxH] [FONT]
 */
#include <SDL.h>
#include <stdbool.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    bool first_only = false;
    const char *font_path = AILIT_SOURCE_DIR "/fonts/NotoSans-Regular.ttf";
    int width = 1024, height = 640;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &width, &height) != 2 || width < 1 || height < 1) {
                fprintf(stderr, "bench_bare_sdl: --size wants WIDTHxHEIGHT, e.g. 800x480\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--first-frame") == 0)
            first_only = true;
        else if (strcmp(argv[i], "--native-framebuffer") == 0)
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        else
            font_path = argv[i];
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) return 1;
    SDL_Window *w = SDL_CreateWindow("bare", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width,
                                     height, SDL_WINDOW_RESIZABLE);
    SDL_Renderer *r = w ? SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE) : NULL;
    TTF_Font *f = TTF_OpenFont(font_path, 22);
    if (!r || !f) return 1;
    SDL_Color black = {0, 0, 0, 255};
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, "Who is learning today?", black);
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    SDL_Rect dst = {20, 20, s->w, s->h};
    SDL_SetRenderDrawColor(r, 244, 241, 234, 255);
    SDL_RenderClear(r);
    SDL_RenderCopy(r, t, NULL, &dst);
    SDL_RenderPresent(r);
    SDL_Event e;
    while (!first_only && SDL_WaitEvent(&e) && e.type != SDL_QUIT) {
        if (e.type == SDL_WINDOWEVENT) {
            SDL_RenderClear(r);
            SDL_RenderCopy(r, t, NULL, &dst);
            SDL_RenderPresent(r);
        }
    }
    SDL_DestroyTexture(t);
    SDL_FreeSurface(s);
    TTF_CloseFont(f);
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(w);
    SDL_Quit();
    return 0;
}
